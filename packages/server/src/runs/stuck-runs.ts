import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { StuckReason, StuckRun, StuckRunsReply } from '../schemas/run-admin.ts'
import { stuckCondition } from './run-selector.ts'

/** How late a run must be to count as stuck when the caller does not say. */
export const DEFAULT_STUCK_AFTER = '5m'

export interface StuckRunsFilter {
  flowId: string
  now: Date
  /** How late (ms) a waiting or running run must be; failed runs are listed at any age. */
  olderThanMs: number
  olderThan: string
  reason?: StuckReason
  node?: string
  before?: string
  limit: number
}

const STATUS_OF: Record<StuckReason, string> = { overdue: 'waiting', stalled: 'running', failed: 'failed' }
const REASON_OF: Record<string, StuckReason> = { waiting: 'overdue', running: 'stalled', failed: 'failed' }

/**
 * A flow's stuck runs, newest first, with why each is stuck, and how many
 * there are by reason (over the whole flow, for "select all matching").
 * Uses the (flow_id, status) index: the statuses are few and the flow is fixed.
 */
export async function stuckRuns(db: Db, filter: StuckRunsFilter): Promise<StuckRunsReply> {
  const base = db
    .selectFrom('runs')
    .where('runs.flow_id', '=', filter.flowId)
    .where((eb) => stuckCondition(eb, filter.now, filter.olderThanMs))
    .$if(filter.node !== undefined, (q) => q.where('runs.node_id', '=', filter.node!))
  const counts = { overdue: 0, stalled: 0, failed: 0 }
  for (const row of await base.select(['runs.status', sql<number>`count(*)::int`.as('n')]).groupBy('runs.status').execute())
    counts[REASON_OF[row.status]] = row.n

  const rows = await base
    .innerJoin('contacts', 'contacts.id', 'runs.contact_id')
    .select(['runs.id', 'runs.status', 'runs.node_id', 'runs.wake_at', 'runs.node_entered_at', 'runs.finished_at', 'runs.updated_at',
      'runs.error', 'runs.wait_event', 'runs.flow_version', 'contacts.external_id'])
    .$if(filter.reason !== undefined, (q) => q.where('runs.status', '=', STATUS_OF[filter.reason!]))
    .$if(filter.before !== undefined, (q) => q.where('runs.id', '<', filter.before!))
    .orderBy('runs.id', 'desc')
    .limit(filter.limit)
    .execute()
  const runs = rows.map((row): StuckRun => {
    const reason = REASON_OF[row.status]
    const since = reason === 'overdue' ? row.wake_at! : reason === 'stalled' ? row.node_entered_at : (row.finished_at ?? row.updated_at)
    return {
      id: row.id, contact: row.external_id, status: row.status, nodeId: row.node_id, reason,
      since: since.toISOString(), lateSeconds: Math.max(0, Math.floor((filter.now.getTime() - since.getTime()) / 1000)),
      error: row.error, waitingFor: row.wait_event, flowVersion: row.flow_version,
    }
  })
  return { olderThan: filter.olderThan, counts, runs }
}
