import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { nextFinishedRuns } from './finished-runs.ts'
import { enteredHour } from './hour-bucket.ts'

/**
 * Deletes the deliveries of the next batch of runs that finished before
 * `cutoff` and adds them to `delivery_rollups` in the same statement, counted
 * as the flow report counts them (per node, channel, status, and the rule for
 * suppressed ones). A delivery still `scheduled` or `queued` (its job may yet run)
 * or going out after the cutoff (deferred by quiet hours) is kept.
 */
export async function pruneDeliveriesBatch(trx: Db, cutoff: Date): Promise<{ runs: number; rows: number }> {
  const runs = await nextFinishedRuns(trx, 'deliveries', cutoff)
  if (runs.length === 0) return { runs: 0, rows: 0 }
  const { rows } = await sql<{ deleted: number }>`with gone as (
      delete from deliveries where run_id = any(${runs}::bigint[]) and status not in ('scheduled', 'queued') and coalesce(send_at, created_at) < ${cutoff}
      returning run_id, flow_id, node_id, channel, status, error),
    counted as (
      select g.flow_id, ${enteredHour(sql`r.entered_at`)} as entered_hour, coalesce(g.node_id, '') as node_id, g.channel, g.status,
        case when g.status = 'suppressed' then coalesce(g.error, 'unknown rule') else '' end as reason, count(*) as n
      from gone g join runs r on r.id = g.run_id
      where g.flow_id is not null
      group by 1, 2, 3, 4, 5, 6),
    added as (
      insert into delivery_rollups (flow_id, entered_hour, node_id, channel, status, reason, n)
      select flow_id, entered_hour, node_id, channel, status, reason, n from counted
      on conflict (flow_id, entered_hour, node_id, channel, status, reason) do update set n = delivery_rollups.n + excluded.n
      returning 1)
    select (select count(*) from gone)::int as deleted, (select count(*) from added)::int as rollups`.execute(trx)
  return { runs: runs.length, rows: rows[0].deleted }
}
