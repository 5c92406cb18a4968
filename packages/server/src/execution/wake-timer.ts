import { sql } from 'kysely'
import type { WorkerPool } from 'graphile-worker'
import type { Db } from '../db/connect.ts'

/** How often to look for jobs falling due soon, and how far ahead. */
const CHECK_EVERY_MS = 250
const LOOK_AHEAD_MS = 1000

/**
 * Wakes this process's worker pool the moment the next job falls due.
 * graphile-worker finds jobs scheduled in the future only by polling, so a
 * wait ending at 09:00:00 would start up to a poll interval late; ten thousand
 * runs waking at once would all be that late. Four times a second this looks
 * up the earliest job due within the next second (one index probe) and sets a
 * timer that nudges the pool at that instant.
 */
export class WakeTimer {
  readonly #db: Db
  readonly #pool: WorkerPool
  readonly #workers: number
  #timer: NodeJS.Timeout | undefined
  #target = Infinity
  #interval: NodeJS.Timeout | undefined

  constructor(db: Db, pool: WorkerPool, workers: number) {
    this.#db = db
    this.#pool = pool
    this.#workers = workers
  }

  start(): void {
    this.#interval = setInterval(() => this.#check().catch(() => {}), CHECK_EVERY_MS)
    this.#interval.unref()
  }

  stop(): void {
    clearInterval(this.#interval)
    clearTimeout(this.#timer)
  }

  async #check(): Promise<void> {
    const now = new Date()
    const { rows } = await sql<{ run_at: Date }>`select run_at from graphile_worker._private_jobs
        where is_available = true and priority = 0 and run_at > ${now}
        order by run_at limit 1`.execute(this.#db)
    const next = rows[0]?.run_at
    if (next) this.schedule(next)
  }

  /** Nudges the pool at `at` if that is within the look-ahead and earlier than the timer already set. */
  schedule(at: Date): void {
    const delay = at.getTime() - Date.now()
    if (delay > LOOK_AHEAD_MS || at.getTime() >= this.#target) return
    clearTimeout(this.#timer)
    this.#target = at.getTime()
    this.#timer = setTimeout(() => {
      this.#target = Infinity
      this.#pool.nudge(this.#workers)
    }, Math.max(0, delay))
    this.#timer.unref()
  }
}
