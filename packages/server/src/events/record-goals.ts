import { sql } from 'kysely'
import { matchesWhere, parseDuration } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import type { StoredEvent } from './apply-events.ts'

/**
 * Marks runs converted when their contact does the flow's goal event (e.g.
 * `order_placed` within 7 days of entering), whether the run is still going
 * or already over. A run converts once, at the first matching event; the
 * goal never moves a run (that is `exitOn`'s job). Returns, per run converted,
 * the id of the event that converted it.
 */
export async function recordGoals(trx: Db, catalog: FlowCatalog, events: StoredEvent[]): Promise<string[]> {
  const contactIds = [...new Set(events.map((e) => e.contact_id))]
  const names = [...new Set(events.map((e) => e.name))]
  const { rows: candidates } = await sql<{ id: string; contact_id: string; flow_id: string; flow_version: number; entered_at: Date }>`
    select r.id, r.contact_id, r.flow_id, r.flow_version, r.entered_at from runs r
    join flow_event_hooks h on h.flow_id = r.flow_id and h.version = r.flow_version and h.kind = 'goal'
    where r.contact_id = any(${contactIds}::bigint[]) and h.event_name = any(${names}::text[]) and r.converted_at is null`.execute(trx)
  if (candidates.length === 0) return []
  const { flows } = await catalog.getLoadable(candidates.map((r) => ({ flowId: r.flow_id, version: r.flow_version })), trx)
  const converted: Array<{ id: string; at: string; event: string }> = []
  for (const run of candidates) {
    // A version this process cannot load has its runs failed by the advance path; it converts no one here.
    const goal = flows.get(`${run.flow_id}@${run.flow_version}`)?.settings.goal
    if (!goal) continue
    const deadline = run.entered_at.getTime() + parseDuration(goal.within)
    const hit = events.find(
      (e) =>
        e.contact_id === run.contact_id &&
        e.name === goal.event &&
        new Date(e.occurred_at).getTime() >= run.entered_at.getTime() &&
        new Date(e.occurred_at).getTime() <= deadline &&
        matchesWhere(goal.where, e.properties),
    )
    if (hit) converted.push({ id: run.id, at: new Date(hit.occurred_at).toISOString(), event: hit.id })
  }
  if (converted.length > 0)
    await sql`update runs set converted_at = v.at from json_to_recordset(${JSON.stringify(converted)}::json) as v(id bigint, at timestamptz)
      where runs.id = v.id and runs.id = any(${converted.map((c) => c.id)}::bigint[]) and runs.converted_at is null`.execute(trx)
  return converted.map((c) => c.event)
}
