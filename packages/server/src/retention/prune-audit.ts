import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** Audit entries deleted per pruning transaction. */
export const AUDIT_PER_BATCH = 5000

/** Deletes up to AUDIT_PER_BATCH audit entries older than `cutoff`, oldest first (through `audit_log_at_idx`). */
export async function pruneAuditBatch(trx: Db, cutoff: Date): Promise<{ rows: number; more: boolean }> {
  const { rows } = await sql<{ deleted: number }>`with gone as (
      delete from audit_log where id in (select id from audit_log where at < ${cutoff} order by at limit ${AUDIT_PER_BATCH})
      returning 1)
    select count(*)::int as deleted from gone`.execute(trx)
  return { rows: rows[0].deleted, more: rows[0].deleted === AUDIT_PER_BATCH }
}
