import { sql } from 'kysely'
import { codeFromPattern, patternSpace } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'

/**
 * Issues one coupon inside the caller's transaction. From a pool: the lowest
 * free code, taken with FOR UPDATE SKIP LOCKED, so concurrent runs each get a
 * different code and never wait on each other; `null` when the pool is empty.
 * From a pattern: a random code inserted into `generated_codes`, whose primary
 * key guarantees it was never issued before (a collision draws again).
 */
export async function issueCoupon(
  trx: Db,
  spec: { pool: string } | { pattern: string },
  to: { contactId: string; key: string; now: Date },
): Promise<{ code: string } | null> {
  if ('pool' in spec) {
    const pool = await trx.selectFrom('coupon_pools').select('id').where('id', '=', spec.pool).executeTakeFirst()
    if (!pool) throw new Error(`coupon pool "${spec.pool}" does not exist (create it under /api/coupon-pools)`)
    const { rows } = await sql<{ code: string }>`update coupon_codes set contact_id = ${to.contactId}, issued_key = ${to.key}, issued_at = ${to.now}
        where id = (select id from coupon_codes where pool_id = ${spec.pool} and contact_id is null order by id limit 1 for update skip locked)
        returning code`.execute(trx)
    return rows[0] ? { code: rows[0].code } : null
  }
  if (patternSpace(spec.pattern) < 1_000_000) throw new Error(`pattern "${spec.pattern}" makes too few codes to stay unique; use more {X} or {9}`)
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = codeFromPattern(spec.pattern)
    const { rows } = await sql<{ code: string }>`insert into generated_codes (code, contact_id, issued_key, issued_at)
        values (${code}, ${to.contactId}, ${to.key}, ${to.now}) on conflict (code) do nothing returning code`.execute(trx)
    if (rows[0]) return { code: rows[0].code }
  }
  throw new Error(`pattern "${spec.pattern}" kept producing codes already issued`)
}
