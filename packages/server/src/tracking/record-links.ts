import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { PendingLink } from './step-links.ts'

/**
 * Writes the tracked links of the deliveries a batch recorded, in the batch's transaction, in one
 * statement. `recorded` holds the deliveries the insert wrote (a repeated step's delivery already
 * existed and is not in it: its links were written the first time, with the same codes).
 */
export async function insertTrackedLinks(trx: Db, links: PendingLink[], recorded: Set<string>): Promise<void> {
  const rows = links.filter((l) => recorded.has(l.delivery_id))
  if (rows.length === 0) return
  await sql`insert into tracked_links (code, delivery_id, kind, target, position, created_at)
    select * from json_to_recordset(${JSON.stringify(rows)}::json)
      as l(code text, delivery_id uuid, kind text, target text, position int, created_at timestamptz)
    on conflict (code) do nothing`.execute(trx)
}
