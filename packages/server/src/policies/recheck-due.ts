import type { Db } from '../db/connect.ts'
import { PolicyGate } from './policy-gate.ts'
import { consentOptOutsNow } from './recheck-consent.ts'
import { consentRule, type PolicyRule } from './policy-rule.ts'

/** A scheduled delivery that has come due, with what its re-check needs. */
export interface DueMessage {
  id: string
  contactId: string
  channel: string
  category: 'marketing' | 'transactional'
  flowId: string | null
  /** The version of the flow its run is on (flow caps), null when the run is gone. */
  flowVersion: number | null
  sendAt: Date
}

/**
 * The rule that stops each message a policy deferred, now that it is due, or
 * null, in their order. It was allowed when recorded, but consent may have been
 * withdrawn meanwhile (a STOP reply, `consent.sms = false`), a cap tightened, or
 * the contact joined a cooling rule's audience (they complained while it waited):
 * consent first, then caps, as when it was decided. Read through `db`, which
 * holds the contacts' locks on the real path (deliver-task.ts) and is the
 * rolled-back transaction of a simulation (settle-simulated.ts).
 */
export async function rulesStoppingDue(db: Db, messages: readonly DueMessage[]): Promise<Array<string | null>> {
  return (await stopsWhenDue(db, messages)).map((stop) => stop?.rule ?? null)
}

/** `rulesStoppingDue` with each rule also as data (policy-rule.ts), which a suppression records beside its sentence. */
export async function stopsWhenDue(db: Db, messages: readonly DueMessage[]): Promise<Array<{ rule: string; reason: PolicyRule } | null>> {
  const optOuts = await consentOptOutsNow(db, messages.map((m) => ({ contactId: m.contactId, channel: m.channel })))
  // Knowing every contact, the gate evaluates cooling audiences for all of them in one query.
  const gate = new PolicyGate(db, [...new Set(messages.map((m) => m.contactId))])
  const stops: Array<{ rule: string; reason: PolicyRule } | null> = []
  for (const [index, message] of messages.entries()) {
    const optOut = optOuts[index]
    if (optOut) stops.push({ rule: optOut, reason: consentRule(message.channel, optOut) })
    else stops.push(await gate.capBrokenWhenDue(message, { contactId: message.contactId, flowId: message.flowId, flowVersion: message.flowVersion, at: message.sendAt }))
  }
  return stops
}
