import { sql } from 'kysely'
import type { AssignSpec, SalesRep } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { toSalesRep, type RepRow } from './rep-rows.ts'

/**
 * Picks a rep for a contact inside the caller's transaction: the current
 * owner when asked to keep them (and they are available), else among the
 * available reps of `team` (or all), by round robin (longest since last
 * assigned) or fewest open tasks (ties by round robin). The chosen rep's row is
 * locked and stamped, so concurrent assignments rotate.
 */
export async function assignRep(trx: Db, spec: AssignSpec & { team?: string }, currentOwner: string | null, now: Date): Promise<SalesRep | null> {
  if (spec.keepOwner && currentOwner) {
    const { rows } = await sql<RepRow>`select * from sales_reps where id = ${currentOwner} and available`.execute(trx)
    if (rows[0]) return toSalesRep(rows[0])
  }
  const team = spec.team ?? null
  const { rows } =
    spec.strategy === 'fewest_open_tasks'
      ? await sql<RepRow>`select r.* from sales_reps r
          where r.available and (${team}::text is null or r.team = ${team})
          order by (select count(*) from tasks t where t.rep_id = r.id and t.status = 'open'), r.last_assigned_at, r.id
          limit 1 for update of r`.execute(trx)
      : await sql<RepRow>`select * from sales_reps where available and (${team}::text is null or team = ${team})
          order by last_assigned_at, id limit 1 for update`.execute(trx)
  const rep = rows[0]
  if (!rep) return null
  await sql`update sales_reps set last_assigned_at = ${now} where id = ${rep.id}`.execute(trx)
  return toSalesRep(rep)
}
