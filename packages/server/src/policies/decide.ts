import type { QuietHours } from '@kairos/engine'
import { brokenCap, firstFreeTime, type ActiveCap, type SentMessage } from './frequency-caps.ts'
import { endOfQuietHours, quietRule } from './quiet-hours.ts'
import { endOfDaysOff, type ActiveHolidays } from './holiday-days.ts'
import { consentRule, type PolicyRule } from './policy-rule.ts'

/** Everything a policy decision about one message depends on, already read and merged. */
export interface PolicyInput {
  now: Date
  channel: string
  category: 'marketing' | 'transactional'
  /** The consent rule the contact is opted out by on this channel, or null. */
  optedOut: string | null
  /** Workspace and flow caps together. */
  caps: readonly ActiveCap[]
  quietHours: QuietHours | null
  /** Days off a holiday calendar keeps marketing messages off (policies.holidays), or null. */
  holidays?: ActiveHolidays | null
  /** The contact's timezone (else the flow's), for quiet hours. */
  timeZone: string
  onCap: 'suppress' | 'wait'
  /** Marketing messages the contact got or will get, deferred ones at the time they go out. */
  history: readonly SentMessage[]
}

/**
 * Send at `at` (now, or later when deferred by the rules in `deferredBy`), or do not send because of `rule`;
 * `reasons` / `reason` are the same rules as data (policy-rule.ts), recorded beside the sentences.
 */
export type PolicyDecision =
  | { send: true; at: Date; deferredBy: string | null; reasons: PolicyRule[] }
  | { send: false; rule: string; reason: PolicyRule }

/** A decision with the timezone its times are told in (the contact's, else the flow's; null when none was read). */
export type GateDecision = PolicyDecision & { timeZone: string | null }

/** Enough rounds for any real mix of caps and quiet hours; each round moves past a window end or a night. */
const MAX_ROUNDS = 50

/**
 * Decides one message. Consent comes first and applies to every message;
 * transactional messages skip the rest. A marketing message due in quiet
 * hours moves to their end, one due on a day off of the holiday calendar to
 * the start of the next allowed day (then out of quiet hours again); a cap it would break there suppresses it, or with
 * `onCap: 'wait'` moves it to when the window frees up (then out of quiet
 * hours again, and so on until both hold). A cap of `max: 0` is never waited for.
 */
export function decidePolicy(input: PolicyInput): PolicyDecision {
  if (input.optedOut) return { send: false, rule: input.optedOut, reason: consentRule(input.channel, input.optedOut) }
  if (input.category === 'transactional') return { send: true, at: input.now, deferredBy: null, reasons: [] }
  // Rule text → its data, in the order the rules moved the message.
  const reasons = new Map<string, PolicyRule>()
  const quietEnd = (time: number) => {
    let at = time
    // Each round leaves quiet hours, then the days off; a day off ends at midnight, inside most quiet hours.
    for (let round = 0; round < 4; round++) {
      const end = endOfQuietHours(new Date(at), input.quietHours, input.timeZone).getTime()
      if (end > at) reasons.set(quietRule(input.quietHours!, input.timeZone), { kind: 'quiet_hours', params: { from: input.quietHours!.from, to: input.quietHours!.to, timeZone: input.timeZone } })
      const off = endOfDaysOff(new Date(end), input.holidays ?? null, input.timeZone)
      if (!off.rule) return end
      if (!reasons.has(off.rule)) reasons.set(off.rule, off.reason!)
      at = off.at.getTime()
    }
    return at
  }
  let at = quietEnd(input.now.getTime())
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const broken = brokenCap(input.caps, input.channel, input.history, at)
    if (!broken) return { send: true, at: new Date(at), deferredBy: reasons.size > 0 ? [...reasons.keys()].join('; ') : null, reasons: [...reasons.values()] }
    if (input.onCap === 'suppress') return { send: false, rule: broken.rule, reason: broken.reason }
    const free = firstFreeTime(input.caps, input.channel, input.history, at)
    if (free === null) return { send: false, rule: broken.rule, reason: broken.reason }
    reasons.set(`${broken.rule} (wait)`, broken.reason)
    at = quietEnd(free)
  }
  return { send: false, rule: `no time free of caps and quiet hours found (${[...reasons.keys()].join('; ')})`, reason: { kind: 'no_free_time', params: {} } }
}
