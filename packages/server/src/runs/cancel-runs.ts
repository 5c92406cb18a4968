import { sql } from 'kysely'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { RunRow } from '../db/database.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { LiveDeltas } from '../live/live-deltas.ts'
import { forEachRunBatch } from './run-batches.ts'
import type { ResolvedSelector } from './run-selector.ts'

/** The statuses a run can be cancelled from: it has not finished, or it failed and waits for a decision. */
export const CANCELLABLE = ['running', 'waiting', 'failed']

/**
 * Ends the selected runs as `cancelled`, one transaction per batch. Each run's
 * seq is bumped, so its pending wake-up or timeout job (and an advance job a
 * worker already holds) finds a mismatch and does nothing, and clearing
 * `wait_event` takes it out of the event waits; an `exit` step on its trace says
 * who cancelled it; its queued deliveries (deferred by quiet hours, or not yet
 * handed over) are suppressed so they never go out; live counters move.
 * Returns how many runs were cancelled.
 */
export function cancelRuns(
  deps: { db: Db; clock: Clock; catalog: FlowCatalog },
  selector: ResolvedSelector,
  by: string,
  progress?: { changed: number },
): Promise<number> {
  return forEachRunBatch(deps, selector, (trx, rows, now) => cancelBatch(trx, deps.catalog, rows, now, by), progress)
}

async function cancelBatch(trx: Db, catalog: FlowCatalog, rows: RunRow[], now: Date, by: string): Promise<void> {
  const ids = rows.map((r) => r.id)
  await trx
    .updateTable('runs')
    .set({
      status: 'cancelled', seq: sql`seq + 1`, finished_at: now, exit_reason: `cancelled by ${by}`,
      wake_at: null, wait_event: null, wait: null, held_at: null, retry_seq: null, updated_at: new Date(),
    })
    .where('id', 'in', ids)
    .execute()

  const live = new LiveDeltas()
  const steps = []
  for (const row of rows) {
    const node = await nodeOf(catalog, trx, row)
    steps.push({
      run_id: row.id, seq: row.seq, node_id: row.node_id, node_type: node.type, node_version: node.version,
      entered_at: row.node_entered_at, left_at: now, outcome: 'exit', output: { cancelled: true, by, from: row.status },
    })
    live.transition(row.flow_id, { nodeId: row.node_id, status: row.status }, { nodeId: row.node_id, status: 'cancelled' }, [
      { nodeId: row.node_id, outcome: 'exit', port: null, left: 'cancelled' },
    ])
  }
  await sql`insert into steps (run_id, seq, node_id, node_type, node_version, entered_at, left_at, outcome, output)
      select * from json_to_recordset(${JSON.stringify(steps)}::json) as s(run_id bigint, seq int, node_id text, node_type text,
        node_version int, entered_at timestamptz, left_at timestamptz, outcome text, output jsonb)`.execute(trx)

  // Their deliver jobs find the delivery no longer scheduled or queued and send nothing (settleDelivery takes the same contact locks).
  await trx
    .updateTable('deliveries')
    .set({ status: 'suppressed', error: `run cancelled by ${by}`, updated_at: new Date() })
    .where('run_id', 'in', ids)
    .where('status', 'in', ['scheduled', 'queued'])
    .execute()
  await live.notify(trx)
}

/** The node's type and version for the trace; a flow version that no longer loads (a plugin removed) still cancels. */
async function nodeOf(catalog: FlowCatalog, trx: Db, row: RunRow): Promise<{ type: string; version: number }> {
  try {
    const compiled = (await catalog.get(row.flow_id, row.flow_version, trx)).nodes.get(row.node_id)
    if (compiled) return { type: compiled.node.type, version: compiled.definition.version }
  } catch {
    // The step still records the cancellation, as 'unknown' like a run that failed to load.
  }
  return { type: 'unknown', version: 0 }
}
