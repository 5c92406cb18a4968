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
 * up the earliest waiting run due soon (one probe of the `runs_waking` index)
 * and sets a timer that nudges the pool at that instant. Other delayed jobs
 * (deferred messages, schedule ticks) start within the pool's poll interval.
 */
export class WakeTimer {
  readonly #db: Db
  readonly #pool: WorkerPool
  readonly #workers: number
  readonly #log: { error(message: string): void }
  #timer: NodeJS.Timeout | undefined
  #target = Infinity
  #interval: NodeJS.Timeout | undefined

  constructor(db: Db, pool: WorkerPool, workers: number, log: { error(message: string): void }) {
    this.#db = db
    this.#log = log
    this.#pool = pool
    this.#workers = workers
  }

  start(): void {
    // A failed look (Postgres away for a moment) is said once until one succeeds again: the pool's
    // own polling still finds every job, only up to a poll interval later.
    let failing = false
    this.#interval = setInterval(
      () =>
        this.#check().then(
          () => (failing = false),
          (error: Error) => {
            if (!failing) this.#log.error(`wake timer: looking for runs due soon failed (${error.message}); jobs are found by polling meanwhile`)
            failing = true
          },
        ),
      CHECK_EVERY_MS,
    )
    this.#interval.unref()
  }

  stop(): void {
    clearInterval(this.#interval)
    clearTimeout(this.#timer)
  }

  async #check(): Promise<void> {
    const now = new Date()
    // Kairos' own record of when each waiting run is due (graphile-worker's job tables are
    // private): the jobs that wake runs carry exactly these times.
    const { rows } = await sql<{ wake_at: Date }>`select wake_at from runs
        where status = 'waiting' and wake_at > ${now}
        order by wake_at limit 1`.execute(this.#db)
    const next = rows[0]?.wake_at
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
