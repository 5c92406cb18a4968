import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { nextFinishedRuns } from './finished-runs.ts'
import { enteredHour } from './hour-bucket.ts'

/**
 * Deletes the steps of the next batch of runs that finished before `cutoff`
 * and, in the same statement, adds what they counted to `step_rollups`, so
 * the per-node figures read the same before and after. Each step is counted
 * exactly once: only the transaction whose DELETE removed it sees it in
 * RETURNING. The runs' settled effects go with their steps (the results the
 * trace shows); a pending one (its job may still run) is kept. Returns the
 * runs taken (0 when done) and the steps deleted.
 */
export async function pruneStepsBatch(trx: Db, cutoff: Date): Promise<{ runs: number; rows: number }> {
  const runs = await nextFinishedRuns(trx, 'steps', cutoff)
  if (runs.length === 0) return { runs: 0, rows: 0 }
  const { rows } = await sql<{ deleted: number }>`with gone as (
      delete from steps where run_id = any(${runs}::bigint[]) returning run_id, node_id, port, outcome),
    counted as (
      select r.flow_id, ${enteredHour(sql`r.entered_at`)} as entered_hour, g.node_id, coalesce(g.port, '') as port,
        count(*) as passed, count(*) filter (where g.outcome = 'error') as failed
      from gone g join runs r on r.id = g.run_id
      group by 1, 2, 3, 4),
    added as (
      insert into step_rollups (flow_id, entered_hour, node_id, port, passed, failed)
      select flow_id, entered_hour, node_id, port, passed, failed from counted
      on conflict (flow_id, entered_hour, node_id, port)
        do update set passed = step_rollups.passed + excluded.passed, failed = step_rollups.failed + excluded.failed
      returning 1)
    select (select count(*) from gone)::int as deleted, (select count(*) from added)::int as rollups`.execute(trx)
  await sql`delete from effects where run_id = any(${runs}::bigint[]) and status <> 'pending'`.execute(trx)
  return { runs: runs.length, rows: rows[0].deleted }
}
