import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** Per message node: deliveries with at least one counted click, and with a counted open. */
export type TrackedCounts = Map<string, { clicked: number; opened: number }>

/**
 * How many of each message node's deliveries were clicked and opened (tracked links and pixels,
 * docs/tracking.md), each delivery once however often, for runs that entered in [from, to).
 * Only used links are read (`uses > 0`), found by delivery through tracked_links_delivery.
 */
export async function trackedCounts(db: Db, flowId: string, window: { from: Date; to: Date }): Promise<TrackedCounts> {
  const { rows } = await sql<{ node_id: string | null; clicked: number; opened: number }>`select d.node_id,
      count(distinct l.delivery_id) filter (where l.kind = 'click')::int as clicked,
      count(distinct l.delivery_id) filter (where l.kind = 'open')::int as opened
    from deliveries d
    join runs r on r.id = d.run_id
    join tracked_links l on l.delivery_id = d.id and l.uses > 0
    where d.flow_id = ${flowId} and r.entered_at >= ${window.from} and r.entered_at < ${window.to}
    group by d.node_id`.execute(db)
  return new Map(rows.map((r) => [r.node_id ?? 'unknown', { clicked: r.clicked, opened: r.opened }]))
}
