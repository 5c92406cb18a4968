import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { SimulatedContact } from './copy-contacts.ts'
import type { ScratchFlow } from './scratch-flow.ts'

/**
 * What the real flow already knows about the copied contacts, given to the
 * simulated copy of it: when each last entered (so `reentry: once` keeps out
 * who already went through, and a cooldown counts from their real entry), and
 * which date-trigger occurrences already fired for them (a birthday greeted
 * this year is not greeted again). Runs already in the journey are not copied:
 * a simulation starts with no one inside.
 */
export async function copyJourneyState(trx: Db, flow: ScratchFlow, contacts: readonly SimulatedContact[]): Promise<void> {
  const pairs = contacts.flatMap((c) => (c.originalId ? [{ original: c.originalId, copy: c.id }] : []))
  if (pairs.length === 0) return
  const map = JSON.stringify(pairs)
  await sql`insert into flow_enrollments (flow_id, contact_id, entered_at)
      select ${flow.id}, m.copy, e.entered_at from json_to_recordset(${map}::json) as m(original bigint, copy bigint)
      join flow_enrollments e on e.flow_id = ${flow.flowId} and e.contact_id = m.original`.execute(trx)
  await sql`insert into date_trigger_moments (flow_id, node_id, contact_id, due_at, occurrence, fired_occurrence)
      select ${flow.id}, d.node_id, m.copy, d.due_at, d.occurrence, d.fired_occurrence from json_to_recordset(${map}::json) as m(original bigint, copy bigint)
      join date_trigger_moments d on d.flow_id = ${flow.flowId} and d.contact_id = m.original`.execute(trx)
}
