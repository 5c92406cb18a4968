import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { RunRow } from '../db/database.ts'
import { retryTransient } from '../db/retry.ts'
import { lockContacts } from '../contacts/lock-contacts.ts'
import { selectorCondition, type ResolvedSelector } from './run-selector.ts'

/** Runs one transaction of a bulk action changes: large enough to be quick, small enough to hold locks briefly. */
export const RUNS_PER_BATCH = 500

/**
 * Walks the runs a selector matches in id order, RUNS_PER_BATCH per
 * transaction. Each transaction locks the runs' contacts and then the runs
 * (both in id order, as run batches and event ingestion do, so they cannot
 * deadlock), re-checks the selector under the locks (a run that moved on
 * meanwhile is left alone), and hands the still-matching rows to `change`.
 * Counts the runs changed in `progress` as batches commit (a failing batch
 * throws, the batches before it stay committed) and returns the total.
 */
export async function forEachRunBatch(
  deps: { db: Db; clock: Clock },
  selector: ResolvedSelector,
  change: (trx: Db, rows: RunRow[], now: Date) => Promise<void>,
  progress: { changed: number } = { changed: 0 },
): Promise<number> {
  let after = '0'
  for (;;) {
    const batch = await retryTransient(() =>
      deps.db.transaction().execute(async (trx) => {
        const now = deps.clock.now()
        const candidates = await trx
          .selectFrom('runs')
          .select(['id', 'contact_id'])
          .where((eb) => eb.and([selectorCondition(eb, selector, now), eb('runs.id', '>', after)]))
          .orderBy('id')
          .limit(RUNS_PER_BATCH)
          .execute()
        if (candidates.length === 0) return null
        await lockContacts(trx, { ids: [...new Set(candidates.map((c) => c.contact_id))] })
        const rows = await trx
          .selectFrom('runs')
          .selectAll()
          .where((eb) => eb.and([selectorCondition(eb, selector, now), eb('runs.id', 'in', candidates.map((c) => c.id))]))
          .orderBy('id')
          .forNoKeyUpdate()
          .execute()
        if (rows.length > 0) await change(trx, rows, now)
        return { last: candidates[candidates.length - 1].id, changed: rows.length }
      }),
    )
    if (!batch) return progress.changed
    progress.changed += batch.changed
    after = batch.last
  }
}
