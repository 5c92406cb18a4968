import { sql } from 'kysely'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { RunRow } from '../db/database.ts'
import { addJobs, advanceJobSpecs } from '../execution/jobs.ts'
import { LiveDeltas } from '../live/live-deltas.ts'
import { forEachRunBatch } from './run-batches.ts'
import type { ResolvedSelector } from './run-selector.ts'

/**
 * Sends the selected failed runs back to `running` at the node they failed at,
 * each with a new advance job, one transaction per batch. The seq is bumped
 * (so nothing left over from before acts on the run), and `retry_seq` keeps the
 * seq of the step that failed (always the run's seq minus one: a failure is the
 * run's last transition), so the node's effects on this one execution reuse that
 * step's idempotency keys: a message, task or coupon it had recorded before
 * failing is found, not made again. The flow version stays the run's own.
 * Returns how many runs were retried.
 */
export function retryRuns(deps: { db: Db; clock: Clock }, selector: ResolvedSelector, progress?: { changed: number }): Promise<number> {
  return forEachRunBatch(deps, selector, retryBatch, progress)
}

async function retryBatch(trx: Db, rows: RunRow[], now: Date): Promise<void> {
  const ids = rows.map((r) => r.id)
  await trx
    .updateTable('runs')
    .set({
      status: 'running', seq: sql`seq + 1`, retry_seq: sql`seq - 1`, node_entered_at: now,
      error: null, finished_at: null, wake_at: null, wait_event: null, wait: null, held_at: null, updated_at: new Date(),
    })
    .where('id', 'in', ids)
    .execute()
  const live = new LiveDeltas()
  for (const row of rows) live.transition(row.flow_id, { nodeId: row.node_id, status: row.status }, { nodeId: row.node_id, status: 'running' }, [])
  await addJobs(trx, advanceJobSpecs(rows.map((row) => ({ run: row.id, seq: row.seq + 1, runAt: now }))))
  await live.notify(trx)
}
