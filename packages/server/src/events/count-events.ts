import { sql } from 'kysely'
import { matchesWhere, type EventCountQuery } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'

/** Events scanned at most when a `where` with operators must be checked in JS. */
const SCAN_LIMIT = 5000

/**
 * How many of the contact's events match, counting no further than
 * `query.limit`. Plain equality filters run in SQL (`properties @>`); operator
 * filters are checked on the rows read back.
 */
export async function countEvents(db: Db, contactId: string, query: EventCountQuery): Promise<number> {
  const after = query.after ?? new Date(0)
  const where = query.where ?? {}
  const literal = Object.values(where).every((v) => v === null || typeof v !== 'object' || Array.isArray(v))
  if (literal) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from (
        select 1 from events where contact_id = ${contactId} and name = ${query.name} and occurred_at >= ${after}
          and properties @> ${JSON.stringify(where)}::jsonb
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
