import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** What the gauges read from Postgres, all at once. */
export interface DatabaseFigures {
  runsWaiting: number
  /** Jobs not yet done nor failed for good (due, scheduled later, or running). */
  jobsQueued: number
  /** Jobs due now that no worker holds: the backlog. */
  jobsDue: number
  /** Jobs a worker holds now. */
  jobsRunning: number
  /** Jobs that used up their attempts (graphile-worker keeps them for inspection). */
  jobsFailed: number
  /** Seconds since the oldest due, unheld job fell due (0 when none): the queue's lag. */
  queueLagSeconds: number
}

/**
 * Reads the gauges' figures from Postgres at most once per `cacheMs` (default
 * 5 s): scrapes in between, or many at once, share one answer, so a scrape
 * storm costs the database one query every few seconds. Jobs are read from
 * graphile-worker's public view (graphile_worker.jobs), not its private
 * tables; times compare with Node's clock, as the worker does (useNodeTime).
 */
export class DatabaseFigureCache {
  readonly #db: Db
  readonly #cacheMs: number
  #last: { at: number; figures: Promise<DatabaseFigures> } | undefined

  constructor(db: Db, options: { cacheMs?: number } = {}) {
    this.#db = db
    this.#cacheMs = options.cacheMs ?? 5000
  }

  read(): Promise<DatabaseFigures> {
    const now = performance.now()
    if (this.#last && now - this.#last.at < this.#cacheMs) return this.#last.figures
    const figures = readFigures(this.#db)
    this.#last = { at: now, figures }
    // A failed read is not kept: the next scrape tries again.
    figures.catch(() => {
      if (this.#last?.figures === figures) this.#last = undefined
    })
    return figures
  }
}

async function readFigures(db: Db): Promise<DatabaseFigures> {
  const now = new Date()
  const { rows } = await sql<{ runs_waiting: number; queued: number; due: number; running: number; failed: number; oldest_due: Date | null }>`
    select
      (select count(*)::int from runs where status = 'waiting') as runs_waiting,
      count(*) filter (where attempts < max_attempts)::int as queued,
      count(*) filter (where attempts < max_attempts and locked_at is null and run_at <= ${now})::int as due,
      count(*) filter (where locked_at is not null)::int as running,
      count(*) filter (where attempts >= max_attempts and locked_at is null)::int as failed,
      min(run_at) filter (where attempts < max_attempts and locked_at is null and run_at <= ${now}) as oldest_due
    from graphile_worker.jobs`.execute(db)
  const row = rows[0]
  return {
    runsWaiting: row.runs_waiting,
    jobsQueued: row.queued,
    jobsDue: row.due,
    jobsRunning: row.running,
    jobsFailed: row.failed,
    queueLagSeconds: row.oldest_due ? Math.max(0, (now.getTime() - new Date(row.oldest_due).getTime()) / 1000) : 0,
  }
}
