import { sql } from 'kysely'
import type { AssignSpec, SalesRep } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { toSalesRep, type RepRow } from './rep-rows.ts'

/**
 * Picks a rep for a contact inside the caller's transaction: the current
 * owner when asked to keep them (and they are available), else among the
 * available reps of `team` (or all), by round robin (the rep whose last
 * assignment is oldest, never-assigned first, ties by id) or fewest open tasks
 * (ties by round robin). The chosen rep takes the next `assign_seq`, so the
 * next pick in this transaction or any later one moves on.
 *
 * Balanced under concurrency (issue 12): every pick first locks all rep rows
 * in id order (see lockReps) and only then reads, in a statement of its own,
 * so it sees what a transaction that held the locks before it committed. Sorting
 * and locking in one `… order by … limit 1 for update` did not: Postgres sorts
 * before it waits for the lock and returns the row it waited for, stale order and
 * all. A sequence number rather than the clock orders the picks, since one
 * transaction assigns many runs at the same instant.
 */
export async function assignRep(trx: Db, spec: AssignSpec & { team?: string }, currentOwner: string | null, now: Date): Promise<SalesRep | null> {
  if (spec.keepOwner && currentOwner) {
    const { rows } = await sql<RepRow>`select * from sales_reps where id = ${currentOwner} and available`.execute(trx)
    if (rows[0]) return toSalesRep(rows[0])
  }
  await lockReps(trx)
  const team = spec.team ?? null
  const order =
    spec.strategy === 'fewest_open_tasks'
      ? sql`(select count(*) from tasks t where t.rep_id = r.id and t.status = 'open'), r.assign_seq, r.id`
      : sql`r.assign_seq, r.id`
  const { rows } = await sql<RepRow>`update sales_reps set assign_seq = nextval('sales_reps_assign_seq'), last_assigned_at = ${now}
      where id = (select r.id from sales_reps r where r.available and (${team}::text is null or r.team = ${team}) order by ${order} limit 1)
      returning *`.execute(trx)
  return rows[0] ? toSalesRep(rows[0]) : null
}

/**
 * Locks every rep row, in id order, until the caller's transaction ends. All of
 * them rather than the team's: a batch that assigns from one team and then another
 * would otherwise lock in an order a concurrent batch can cross (a deadlock).
 * `no key update`, as the update itself takes, leaves inserts of tasks that refer
 * to a rep (their foreign key's `key share`) unblocked. Locking again rows this
 * transaction holds does not wait. The price: transactions that assign take turns
 * from their first pick to their commit, as those sharing a team had to for balance.
 */
async function lockReps(trx: Db): Promise<void> {
  await sql`select id from sales_reps order by id for no key update`.execute(trx)
}
