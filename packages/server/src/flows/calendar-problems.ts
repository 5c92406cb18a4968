import type { CompiledFlow, FlowProblem } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { calendarFields } from '../calendars/calendar-users.ts'

/**
 * Holiday calendars a version's steps name (fields marked `x-kairos-calendar`) must have been
 * uploaded: a `wait.until` with `workday: true` and `calendar: "cn-mainlnad"` would
 * otherwise publish and then silently count Monday to Friday. Checked at
 * publish, as channels are (channel-problems.ts), so the typo is a problem on
 * its node and field. The rows found are key-share locked until the publish
 * commits: a delete (which locks the row for update, then looks for live
 * versions naming it, calendars/calendar-users.ts) waits, then sees this one.
 */
export async function calendarProblems(trx: Db, flow: CompiledFlow): Promise<FlowProblem[]> {
  const uses: Array<{ node: string; field: string; name: string }> = []
  for (const [id, { node, definition }] of flow.nodes)
    for (const { key, name } of calendarFields(definition.config, node.config)) uses.push({ node: id, field: `config.${key}`, name })
  if (uses.length === 0) return []
  const rows = await trx.selectFrom('holiday_calendars').select('name').where('name', 'in', [...new Set(uses.map((u) => u.name))]).forKeyShare().execute()
  const uploaded = new Set(rows.map((r) => r.name))
  return uses
    .filter((use) => !uploaded.has(use.name))
    .map((use) => ({ node: use.node, field: use.field, message: `no holiday calendar named “${use.name}” has been uploaded (Settings → Message policies)` }))
}
