import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import type { KairosWorker } from '../execution/worker.ts'
import { DatabaseWatch } from '../http/database-watch.ts'

export interface ReconnectDeadlineOptions {
  /** How long Postgres may stay unreachable, or the worker stay stopped (KAIROS_DB_RECONNECT_MS). */
  reconnectMs: number
  worker?: KairosWorker
  log: { info(message: string): void; error(message: string): void }
  /** Called once the deadline passes, after the reason is logged. */
  onGiveUp(): void
}

/**
 * The process's one `DatabaseWatch`: `select 1` every second on a connection of its own. The
 * runtime hands it to the HTTP app (for /health and the API's fail-fast) and to the reconnect
 * deadline, so a process probes Postgres once, not once per question. Its log says when the
 * database is reachable again; the way down is reported by /health, the worker and the deadline.
 */
export function startDatabaseWatch(pool: pg.Pool, log: { info(message: string): void }): DatabaseWatch {
  const watchLog = {
    info: (fields: { downForMs?: number }) => log.info(`database reachable again after ${Math.round((fields.downForMs ?? 0) / 1000)} s`),
    error: () => {},
    debug: () => {},
  } as unknown as FastifyBaseLogger
  return new DatabaseWatch(pool.options, watchLog, { probeMs: 1000, graceMs: 5000 })
}

/**
 * Watches what Kairos cannot do without: Postgres (through the process's DatabaseWatch) and,
 * in the roles that run one, the worker (which starts itself again after Postgres comes back). Meanwhile the pg pool replaces lost connections by itself and the
 * worker its pool; when either stays out longer than `reconnectMs`, the reason is logged and
 * `onGiveUp` runs: the process exits non-zero so that its supervisor restarts it. Returns the stop.
 */
export function watchReconnectDeadline(watch: DatabaseWatch, options: ReconnectDeadlineOptions): () => void {
  const { reconnectMs, worker, log } = options
  let gaveUp = false
  const giveUp = (why: string) => {
    if (gaveUp) return
    gaveUp = true
    log.error(`${why} (KAIROS_DB_RECONNECT_MS=${reconnectMs}); Kairos exits so that it is restarted`)
    options.onGiveUp()
  }
  const timer = setInterval(() => {
    const down = watch.unreachable(reconnectMs)
    if (down) return giveUp(`Postgres unreachable for ${Math.round(down.forMs / 1000)} s: ${down.reason}`)
    const health = worker?.health()
    if (health?.state === 'reconnecting' && health.forMs > reconnectMs)
      giveUp(`worker stopped since ${health.since.toISOString()} and could not start again: ${health.reason}`)
  }, 250)
  timer.unref()
  return () => clearInterval(timer)
}
