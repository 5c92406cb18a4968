import { parseDuration, type EventSnapshot } from '@kairos/sdk'
import type { CompiledFlow } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { writeJourneyChanges } from '../events/write-journey-changes.ts'

/** A contact about to enter, with what let it in (shown to nodes as `event`). */
export interface Entrant {
  contactId: string
  trigger: EventSnapshot
}

/** The trigger node of a flow's live version that contacts enter at. */
export interface EntryTarget {
  flowId: string
  version: number
  nodeId: string
  flow: CompiledFlow
}

/**
 * Starts runs at a trigger for the entrants its flow's reentry setting lets
 * in (once, always, after a cooldown), in bulk: one statement per kind, as
 * event ingestion does. The caller holds the contacts' locks (id order), so
 * the enrollment check cannot race another entry. Returns who entered.
 */
export async function enterContacts(trx: Db, target: EntryTarget, entrants: Entrant[], now: Date): Promise<string[]> {
  const unique = [...new Map(entrants.map((e) => [e.contactId, e])).values()]
  const { reentry, reentryAfter } = target.flow.settings
  let admitted = unique
  if (reentry !== 'always' && unique.length > 0) {
    const rows = await trx
      .selectFrom('flow_enrollments')
      .select(['contact_id', 'entered_at'])
      .where('flow_id', '=', target.flowId)
      .where('contact_id', 'in', unique.map((e) => e.contactId))
      .execute()
    const last = new Map(rows.map((r) => [r.contact_id, r.entered_at.getTime()]))
    const cooldown = reentry === 'after' && reentryAfter ? parseDuration(reentryAfter) : Infinity
    admitted = unique.filter((e) => {
      const at = last.get(e.contactId)
      return at === undefined || now.getTime() - at >= cooldown
    })
  }
  if (admitted.length === 0) return []
  await writeJourneyChanges(
    trx,
    {
      exited: [],
      resumed: [],
      started: admitted.map((e) => ({ flowId: target.flowId, version: target.version, nodeId: target.nodeId, contactId: e.contactId, trigger: e.trigger })),
      enrollments: reentry === 'always' ? [] : admitted.map((e) => ({ flowId: target.flowId, contactId: e.contactId })),
    },
    new Map([[`${target.flowId}@${target.version}`, target.flow]]),
    now,
  )
  return admitted.map((e) => e.contactId)
}
