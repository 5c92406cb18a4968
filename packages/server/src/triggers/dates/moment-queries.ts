import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'

/** Who a flow's date triggers will enter soon: per trigger, how many within the window, and the next few. */
export interface UpcomingMoments {
  within: { from: string; to: string }
  triggers: Array<{ node: string; count: number }>
  next: Array<{ node: string; contact: string; dueAt: string; occurrence: string | null }>
}

/**
 * The date-trigger moments of a flow falling between `now` and `now + withinMs`
 * (counted per trigger node), and the `limit` soonest ones with their
 * contacts: "12 birthdays this week, Ada's first, tomorrow at 01:00 UTC". A
 * contact's condition is checked only when its moment comes, so these are
 * candidates, not promises.
 */
export async function upcomingMoments(
  db: Db,
  flowId: string,
  options: { now: Date; withinMs: number; limit: number; node?: string },
): Promise<UpcomingMoments> {
  const to = new Date(options.now.getTime() + options.withinMs)
  // One trigger's moments only, when asked (the editor's panel for one node).
  const node = options.node === undefined ? sql`` : sql`and node_id = ${options.node}`
  const { rows: counts } = await sql<{ node_id: string; n: number }>`select node_id, count(*)::int as n from date_trigger_moments
      where flow_id = ${flowId} and due_at >= ${options.now} and due_at <= ${to} ${node}
      group by node_id order by node_id`.execute(db)
  const { rows: next } = await sql<{ node_id: string; external_id: string; due_at: Date; occurrence: string | null }>`
      select m.node_id, c.external_id, m.due_at, m.occurrence from date_trigger_moments m join contacts c on c.id = m.contact_id
      where m.flow_id = ${flowId} and m.due_at >= ${options.now} and m.due_at <= ${to} ${node}
      order by m.due_at, m.contact_id limit ${options.limit}`.execute(db)
  return {
    within: { from: options.now.toISOString(), to: to.toISOString() },
    triggers: counts.map((c) => ({ node: c.node_id, count: c.n })),
    next: next.map((m) => ({ node: m.node_id, contact: m.external_id, dueAt: m.due_at.toISOString(), occurrence: m.occurrence })),
  }
}
