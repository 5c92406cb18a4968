import { sql } from 'kysely'
import { codeFromPattern, patternSpace, type SalesRep } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { SharedClaims } from '../execution/shared-claims.ts'
import { toSalesRep, type RepRow } from '../sales/rep-rows.ts'

type IssueArgs = Parameters<SharedClaims['issueCoupon']>
type AssignArgs = Parameters<SharedClaims['assignRep']>

/**
 * Coupon codes and reps' turns as a simulation takes them: by looking, not
 * claiming. Production claims a pool's next code and every rep row with
 * row locks held to the commit; a simulation's transaction lasts seconds and
 * is rolled back, and holding those locks that long would make real runs skip
 * the codes (a pool could look empty) and wait for their reps. So a pool's
 * codes are read in order, without a lock, skipping those this simulation
 * already showed; a pattern code is drawn as production draws it, unique
 * within the simulation (not written: no code is kept); and reps are picked by the same rules (keep the
 * owner, team, round robin or fewest open tasks, then id) from rows read
 * once, with the turns kept in memory. What it would issue is remembered by
 * the step's idempotency key, for the timeline.
 */
export class SimulatedClaims implements SharedClaims {
  /** Idempotency key of the issuing step (`run:<id>:<seq>:coupon`) → the code. */
  readonly issued = new Map<string, string>()
  readonly #shown = new Map<string, number>()
  readonly #codes = new Set<string>()
  #reps: Promise<Array<RepRow & { assign_seq: number }>> | undefined

  issueCoupon = async (...[trx, spec, to]: IssueArgs): Promise<{ code: string } | null> => {
    let issued: { code: string } | null
    if ('pool' in spec) {
      const pool = await trx.selectFrom('coupon_pools').select('id').where('id', '=', spec.pool).executeTakeFirst()
      if (!pool) throw new Error(`coupon pool "${spec.pool}" does not exist (create it under /api/coupon-pools)`)
      const offset = this.#shown.get(spec.pool) ?? 0
      const { rows } = await sql<{ code: string }>`select code from coupon_codes where pool_id = ${spec.pool} and contact_id is null
          order by id offset ${offset} limit 1`.execute(trx)
      issued = rows[0] ? { code: rows[0].code } : null
      if (issued) this.#shown.set(spec.pool, offset + 1)
    } else issued = this.#drawn(spec.pattern)
    if (issued) this.issued.set(to.key, issued.code)
    return issued
  }

  /** A code drawn from the pattern as production draws it, unique within the simulation; not reserved (nothing is kept). */
  #drawn(pattern: string): { code: string } {
    if (patternSpace(pattern) < 1_000_000) throw new Error(`pattern "${pattern}" makes too few codes to stay unique; use more {X} or {9}`)
    let code: string
    do code = codeFromPattern(pattern)
    while (this.#codes.has(code))
    this.#codes.add(code)
    return { code }
  }

  assignRep = async (...[trx, spec, currentOwner]: AssignArgs): Promise<SalesRep | null> => {
    const reps = await (this.#reps ??= readReps(trx))
    if (spec.keepOwner && currentOwner) {
      const owner = reps.find((r) => r.id === currentOwner && r.available)
      if (owner) return toSalesRep(owner)
    }
    const team = spec.team ?? null
    const candidates = reps.filter((r) => r.available && (team === null || r.team === team))
    if (candidates.length === 0) return null
    // Open tasks as the transaction sees them: the real ones and those this simulation created.
    const open = new Map<string, number>()
    if (spec.strategy === 'fewest_open_tasks') {
      const { rows } = await sql<{ rep_id: string; n: number }>`select rep_id, count(*)::int as n from tasks
          where status = 'open' and rep_id = any(${candidates.map((r) => r.id)}::text[]) group by rep_id`.execute(trx)
      for (const row of rows) open.set(row.rep_id, row.n)
    }
    const rank = (r: (typeof candidates)[number]) => [open.get(r.id) ?? 0, r.assign_seq]
    const chosen = candidates.reduce((best, r) => {
      const [a, b] = [rank(r), rank(best)]
      return a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && r.id < best.id))) ? r : best
    })
    chosen.assign_seq = Math.max(...reps.map((r) => r.assign_seq)) + 1
    return toSalesRep(chosen)
  }
}

async function readReps(trx: Db): Promise<Array<RepRow & { assign_seq: number }>> {
  const { rows } = await sql<RepRow & { assign_seq: string }>`select * from sales_reps order by id`.execute(trx)
  return rows.map((r) => ({ ...r, assign_seq: Number(r.assign_seq) }))
}
