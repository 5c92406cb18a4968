import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { notFound } from '../errors.ts'

/** Coupon pools: create them, upload codes, see how many are left. */
export class CouponService {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  async list() {
    return this.#pools(null)
  }

  /** One pool, as `list` shows it; a missing one is a 404. */
  async get(id: string) {
    const [pool] = await this.#pools(id)
    if (!pool) throw notFound('coupon pool', id)
    return pool
  }

  /** Every pool, or the one `id` names, with its code counts. */
  async #pools(id: string | null) {
    const { rows } = await sql<{ id: string; name: string; total: number; issued: number }>`
      select p.id, p.name, count(c.id)::int as total, count(c.contact_id)::int as issued
      from coupon_pools p left join coupon_codes c on c.pool_id = p.id
      where ${id}::text is null or p.id = ${id} group by p.id order by p.id`.execute(this.#db)
    return rows.map((r) => ({ id: r.id, name: r.name, total: r.total, issued: r.issued, available: r.total - r.issued }))
  }

  async put(id: string, name: string) {
    await this.#db.insertInto('coupon_pools').values({ id, name }).onConflict((oc) => oc.column('id').doUpdateSet({ name })).execute()
    return (await this.list()).find((p) => p.id === id)!
  }

  /** Adds codes to a pool; codes already in it are skipped (uploading the same file twice adds nothing). */
  async addCodes(id: string, codes: string[]) {
    const pool = await this.#db.selectFrom('coupon_pools').select('id').where('id', '=', id).executeTakeFirst()
    if (!pool) throw notFound('coupon pool', id)
    const { rows } = await sql<{ n: number }>`with added as (
        insert into coupon_codes (pool_id, code) select ${id}, unnest(${codes}::text[]) on conflict (pool_id, code) do nothing returning 1)
      select count(*)::int as n from added`.execute(this.#db)
    return { added: rows[0].n, skipped: codes.length - rows[0].n, pool: (await this.list()).find((p) => p.id === id)! }
  }
}
