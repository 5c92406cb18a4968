import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { tickJobKey } from './schedule-jobs.ts'

/** A tick as the API shows it: when, what happened, how many entered. */
export interface TickView {
  id: string
  node: string
  flowVersion: number
  tickAt: string
  status: string
  /** Why it was skipped, stopped or failed. */
  reason: string | null
  entered: number
  /** Matched the audience but not let in (reentry). */
  notEntered: number
  startedAt: string
  finishedAt: string | null
}

/**
 * A flow's schedule ticks, newest first, and the next tick queued for each
 * schedule trigger: what an operator checks to see that a schedule runs,
 * when it runs next, and what a missed or paused tick did.
 */
export async function flowTicks(
  db: Db,
  flowId: string,
  options: { limit: number; node?: string },
): Promise<{ next: Array<{ node: string; at: string }>; ticks: TickView[] }> {
  let query = db.selectFrom('schedule_ticks').selectAll().where('flow_id', '=', flowId)
  // One trigger's ticks only, when asked (the editor's panel for one node).
  if (options.node !== undefined) query = query.where('node_id', '=', options.node)
  const rows = await query.orderBy('tick_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute()
  // The pending tick jobs, found by their job key (a uuid prefix needs no LIKE escaping; node ids may hold `_`).
  // graphile-worker's public `jobs` view has no payload: the key names the node (tickJobKey).
  const prefix = tickJobKey(flowId, '')
  const byKey = options.node === undefined ? sql`key like ${`${prefix}%`}` : sql`key = ${tickJobKey(flowId, options.node)}`
  const { rows: pending } = await sql<{ key: string; run_at: Date }>`select key, run_at from graphile_worker.jobs
      where ${byKey} order by run_at`.execute(db)
  return {
    next: pending.map((job) => ({ node: job.key.slice(prefix.length), at: job.run_at.toISOString() })),
    ticks: rows.map((t) => ({
      id: t.id,
      node: t.node_id,
      flowVersion: t.flow_version,
      tickAt: t.tick_at.toISOString(),
      status: t.status,
      reason: t.reason,
      entered: t.entered,
      notEntered: t.not_entered,
      startedAt: t.started_at.toISOString(),
      finishedAt: t.finished_at?.toISOString() ?? null,
    })),
  }
}
