import { sql } from 'kysely'
import { matchesWhere, type EventCountQuery } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'

/** Events read back at most to check a `where` filter. */
export const SCAN_LIMIT = 5000

/**
 * How many of the contact's events match, counting no further than
 * `query.limit`. Without a filter the count runs in SQL. With one, the rows
 * are read back and checked by `matchesWhere`, the same code that filters
 * triggers and `wait.event`, so a condition never means one thing in a branch
 * and another in a trigger (dotted paths, numeric text, arrays).
 */
export async function countEvents(db: Db, contactId: string, query: EventCountQuery): Promise<number> {
  const after = query.after ?? new Date(0)
  const where = query.where
  if (!where || Object.keys(where).length === 0) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from (
        select 1 from events where contact_id = ${contactId} and name = ${query.name} and occurred_at >= ${after}
        limit ${query.limit}) as hits`.execute(db)
    return Number(rows[0].n)
  }
  const { rows } = await sql<{ properties: Record<string, unknown> }>`select properties from events
      where contact_id = ${contactId} and name = ${query.name} and occurred_at >= ${after}
      order by occurred_at desc limit ${SCAN_LIMIT}`.execute(db)
  let count = 0
  for (const row of rows) if (matchesWhere(where, row.properties) && ++count >= query.limit) break
  return count
}
