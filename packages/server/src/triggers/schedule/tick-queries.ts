import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'

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
export async function flowTicks(db: Db, flowId: string, limit: number): Promise<{ next: Array<{ node: string; at: string }>; ticks: TickView[] }> {
  const rows = await db.selectFrom('schedule_ticks').selectAll().where('flow_id', '=', flowId).orderBy('tick_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  const { rows: pending } = await sql<{ payload: { node: string }; run_at: Date }>`select payload, run_at from graphile_worker._private_jobs
      where key like ${`kairos:schedule:${flowId}:%`} order by run_at`.execute(db)
  return {
    next: pending.map((job) => ({ node: job.payload.node, at: job.run_at.toISOString() })),
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
