import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { retryTransient } from '../db/retry.ts'
import { longestCapMs } from './longest-cap.ts'
import { pruneAuditBatch } from './prune-audit.ts'
import { pruneDeliveriesBatch } from './prune-deliveries.ts'
import { pruneEventsBatch } from './prune-events.ts'
import { pruneStepsBatch } from './prune-steps.ts'
import { daysFor, RETENTION_KINDS, type RetentionKind, type RetentionSettings } from './retention-settings.ts'

const DAY_MS = 86_400_000

export interface PruneOptions {
  settings: RetentionSettings
  /** The app's clock: history older than `now` minus each kind's days goes. */
  now: Date
  /** No new batch starts after this long (default 30 s); the result then says `done: false` and the job queues itself again at once. */
  budgetMs?: number
  /** Called after each batch commits, with the rows it deleted and how long its transaction (and so its row locks) lasted. */
  onBatch?: (batch: { kind: RetentionKind; rows: number; ms: number }) => void
}

export interface PruneResult {
  deleted: Record<RetentionKind, number>
  /** Every kind was pruned up to its cutoff. */
  done: boolean
}

/**
 * One retention pass: steps, deliveries, events and audit entries older than
 * their retention, each batch in its own short transaction. Nothing takes a
 * table lock; a batch that would wait more than 2 s for a row lock gives up
 * (the job is retried later) rather than queue others behind it. Safe to run
 * again or from two workers at once: a row is deleted, and counted into the
 * rollups, by exactly one transaction.
 */
export async function pruneHistory(db: Db, options: PruneOptions): Promise<PruneResult> {
  const deadline = performance.now() + (options.budgetMs ?? 30_000)
  const deleted: Record<RetentionKind, number> = { steps: 0, deliveries: 0, events: 0, audit: 0 }
  const cutoffs = await cutoffsFor(db, options)
  for (const kind of RETENTION_KINDS) {
    const cutoff = cutoffs[kind]
    if (!cutoff) continue
    let after = '0'
    for (let more = true; more; ) {
      if (performance.now() > deadline) return { deleted, done: false }
      const started = performance.now()
      const batch: { rows: number; more: boolean; next?: string | null } = await retryTransient(() =>
        db.transaction().execute(async (trx) => {
          await sql`set local lock_timeout = '2s'`.execute(trx)
          if (kind === 'steps') return pruneStepsBatch(trx, cutoff).then((b) => ({ rows: b.rows, more: b.runs > 0 }))
          if (kind === 'deliveries') return pruneDeliveriesBatch(trx, cutoff).then((b) => ({ rows: b.rows, more: b.runs > 0 }))
          if (kind === 'events') return pruneEventsBatch(trx, cutoff, after).then((b) => ({ rows: b.rows, more: b.next !== null, next: b.next }))
          return pruneAuditBatch(trx, cutoff)
        }),
      )
      if (batch.next) after = batch.next
      options.onBatch?.({ kind, rows: batch.rows, ms: performance.now() - started })
      deleted[kind] += batch.rows
      more = batch.more
    }
  }
  return { deleted, done: true }
}

/** Each kind's cutoff, or null when it is kept forever. Deliveries are kept at least as long as the longest frequency cap. */
async function cutoffsFor(db: Db, { settings, now }: PruneOptions): Promise<Record<RetentionKind, Date | null>> {
  const at = (days: number | null, atLeastMs = 0) => (days === null ? null : new Date(now.getTime() - Math.max(days * DAY_MS, atLeastMs)))
  const capMs = settings.deliveriesDays === null ? 0 : await longestCapMs(db)
  return {
    steps: at(daysFor(settings, 'steps')),
    deliveries: at(daysFor(settings, 'deliveries'), capMs),
    events: at(daysFor(settings, 'events')),
    audit: at(daysFor(settings, 'audit')),
  }
}
