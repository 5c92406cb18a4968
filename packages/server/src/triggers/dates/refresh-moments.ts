import { sql } from 'kysely'
import type { DateTrigger } from '@kairos/sdk'
import type { CompiledFlow } from '@kairos/engine'
import type { Db } from '../../db/connect.ts'
import { nextMoment, type Moment } from './date-moment.ts'

/** A date trigger of a flow's live version. */
export interface DateTarget {
  flowId: string
  flow: CompiledFlow
  trigger: DateTrigger & { nodeId: string }
}

/** A contact as moments are computed from it. */
export interface MomentContact {
  id: string
  attributes: Record<string, unknown>
}

/**
 * Recomputes the next moment of each contact at one date trigger from its
 * attributes as they are now, keeping what already entered it
 * (`fired_occurrence`). A moment already due but not yet swept stays due
 * when the write did not move it, so a write at 09:00:30 does not rob the
 * 09:00 sweep of its contact. The caller holds the contacts' locks.
 */
export async function refreshMoments(trx: Db, target: DateTarget, contacts: MomentContact[], now: Date): Promise<void> {
  if (contacts.length === 0) return
  const { flowId, flow, trigger } = target
  const existing = new Map(
    (
      await trx
        .selectFrom('date_trigger_moments')
        .select(['contact_id', 'due_at', 'occurrence', 'fired_occurrence'])
        .where('flow_id', '=', flowId)
        .where('node_id', '=', trigger.nodeId)
        .where('contact_id', 'in', contacts.map((c) => c.id))
        .execute()
    ).map((row) => [row.contact_id, row]),
  )
  const rows = []
  for (const contact of contacts) {
    const current = existing.get(contact.id)
    const fired = current?.fired_occurrence ?? null
    let moment: Moment | null = null
    if (current?.due_at && current.due_at.getTime() <= now.getTime() && current.occurrence !== fired) {
      const same = nextMoment(trigger, contact.attributes, flow.settings.timezone, new Date(current.due_at.getTime() - 1), fired)
      if (same && same.occurrence === current.occurrence && same.dueAt.getTime() === current.due_at.getTime()) moment = same
    }
    moment ??= nextMoment(trigger, contact.attributes, flow.settings.timezone, now, fired)
    // A contact with no date and no row needs none.
    if (!moment && !current) continue
    rows.push({ contact_id: contact.id, due_at: moment?.dueAt ?? null, occurrence: moment?.occurrence ?? null })
  }
  if (rows.length === 0) return
  await sql`insert into date_trigger_moments (flow_id, node_id, contact_id, due_at, occurrence)
      select ${flowId}, ${trigger.nodeId}, contact_id, due_at, occurrence
      from json_to_recordset(${JSON.stringify(rows)}::json) as m(contact_id bigint, due_at timestamptz, occurrence text)
      on conflict (flow_id, node_id, contact_id) do update set due_at = excluded.due_at, occurrence = excluded.occurrence`.execute(trx)
}

/** The top-level attribute key a trigger reads (`profile.birthday` → `profile`): what a write must touch to move its moments. */
export function attributeKey(path: string): string {
  return path.split('.')[0]
}
