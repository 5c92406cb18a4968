import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** Finished runs taken per pruning transaction (about 5,000 steps for a five-node journey). */
export const RUNS_PER_BATCH = 1000

/** The statuses a run ends in; only these runs lose their history. */
export const FINAL_STATUSES = ['completed', 'exited', 'failed', 'cancelled']

/**
 * The next batch of runs that finished before `cutoff`, in the order they
 * finished, after where the `kind`'s last batch stopped, and moves that
 * cursor past them in the caller's transaction. The cursor row is locked
 * (`for update`) so two workers pruning at once take turns instead of
 * doing the same batch twice. An empty answer means the kind is done.
 */
export async function nextFinishedRuns(trx: Db, kind: string, cutoff: Date, limit = RUNS_PER_BATCH): Promise<string[]> {
  // The cursor never leaves SQL: a JS Date would round finished_at to the millisecond and find the last run again.
  await sql`insert into retention_cursors (kind, finished_at, run_id) values (${kind}, 'epoch', 0)
    on conflict (kind) do nothing`.execute(trx)
  const { rows } = await sql<{ id: string }>`with cursor as (
      select finished_at, run_id from retention_cursors where kind = ${kind} for update)
    select r.id from runs r, cursor c
    where r.finished_at is not null and (r.finished_at, r.id) > (c.finished_at, c.run_id)
      and r.finished_at < ${cutoff} and r.status = any(${FINAL_STATUSES}::text[])
    order by r.finished_at, r.id limit ${limit}`.execute(trx)
  if (rows.length === 0) return []
  await sql`update retention_cursors c set finished_at = r.finished_at, run_id = r.id, updated_at = now()
    from runs r where c.kind = ${kind} and r.id = ${rows[rows.length - 1].id}`.execute(trx)
  return rows.map((r) => r.id)
}
