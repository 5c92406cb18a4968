import { Gauge, Registry } from 'prom-client'
import type pg from 'pg'
import type { Db } from '../db/connect.ts'
import { DatabaseFigureCache, type DatabaseFigures } from './database-figures.ts'
import { processRegistry } from './process-metrics.ts'

/** What a process's gauges read: its database and pool, and (API processes) its websocket clients. */
export interface GaugeSources {
  db: Db
  pool: pg.Pool
  /** Websocket clients connected to this process (absent in a worker-only process). */
  websocketClients?: () => number
  /** How long Postgres figures are reused between scrapes (default 5000 ms). */
  cacheMs?: number
  /** Where a failed database read is reported; the scrape still answers, with the last figures. */
  onError?: (error: unknown) => void
}

/**
 * The registry one process serves at /metrics: the process's counters and
 * histograms (process-metrics.ts) plus gauges collected at scrape time from
 * Postgres (cached, see database-figures.ts), the pg pool and the websocket
 * server. The gauges are built per app, so two apps in one process (tests)
 * each read their own pool.
 */
export function metricsRegistry(sources: GaugeSources): Registry {
  const gauges = new Registry()
  const registers = [gauges]
  const cache = new DatabaseFigureCache(sources.db, { cacheMs: sources.cacheMs })
  const onError = sources.onError ?? ((error) => console.error('[kairos] metrics: reading gauges from Postgres failed:', error))
  let figures: DatabaseFigures | undefined
  // Every database gauge awaits the same cached read; the first one of a scrape starts it.
  const refresh = async () => {
    try {
      figures = await cache.read()
    } catch (error) {
      onError(error)
    }
  }
  const fromDatabase = (name: string, help: string, pick: (f: DatabaseFigures) => number) =>
    new Gauge({
      name, help, registers,
      async collect() {
        await refresh()
        if (figures) this.set(pick(figures))
      },
    })
  fromDatabase('kairos_runs_waiting', 'Runs waiting (for a time, an event or a delivery), in the whole database', (f) => f.runsWaiting)
  fromDatabase('kairos_jobs_queued', 'graphile-worker jobs not yet done nor failed for good: due, scheduled later, or running', (f) => f.jobsQueued)
  fromDatabase('kairos_jobs_due', 'Jobs due now that no worker holds yet (the backlog)', (f) => f.jobsDue)
  fromDatabase('kairos_jobs_running', 'Jobs a worker holds now', (f) => f.jobsRunning)
  fromDatabase('kairos_jobs_failed', 'Jobs that used up their attempts', (f) => f.jobsFailed)
  fromDatabase('kairos_queue_lag_seconds', 'Age of the oldest due job no worker holds yet (0 when none)', (f) => f.queueLagSeconds)

  const { pool } = sources
  const fromPool = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers, collect() { this.set(read()) } })
  fromPool('kairos_db_pool_connections', 'Connections this process\'s pg pool holds open', () => pool.totalCount)
  fromPool('kairos_db_pool_in_use', 'Pool connections checked out now', () => pool.totalCount - pool.idleCount)
  fromPool('kairos_db_pool_idle', 'Pool connections open and idle', () => pool.idleCount)
  fromPool('kairos_db_pool_waiting', 'Queries waiting for a pool connection', () => pool.waitingCount)
  const clients = sources.websocketClients
  if (clients) fromPool('kairos_websocket_clients', 'Live-status websocket clients connected to this process', clients)
  return Registry.merge([processRegistry, gauges])
}
