import { EventEmitter } from 'node:events'
import { run, type Runner, type WorkerEvents, type WorkerPool } from 'graphile-worker'
import { sql } from 'kysely'
import type pg from 'pg'
import type { WorkerSettings } from '../config.ts'
import { quietLogger } from '../db/migrate.ts'
import type { ExecutionDeps } from './advance-runs.ts'
import { kairosTasks } from './tasks.ts'
import { WakeTimer } from './wake-timer.ts'
import { addJobs } from './jobs.ts'
import { dateSweepJobSpec } from '../triggers/dates/date-jobs.ts'
import { queueRetention } from '../retention/retention-jobs.ts'

/** Whether this process's job processor runs, or since when it has been trying to start again. */
export type WorkerHealth =
  | { state: 'running'; poolId: string }
  | { state: 'reconnecting'; since: Date; forMs: number; reason: string }
  | { state: 'stopped' }

/** A running job processor in this process. */
export interface KairosWorker {
  /** The graphile-worker pool now running (a new one after each restart). */
  readonly poolId: string
  health(): WorkerHealth
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>
  /** Fails the running jobs at once (graphile-worker retries them later), for a shutdown past its deadline. */
  kill(): Promise<void>
}

/** How the worker reports and restarts itself. */
export interface WorkerOptions {
  log?: { info(message: string): void; error(message: string): void }
  /** How long `stop()` lets running jobs finish before tasks see their abort signal (graphile-worker's gracefulShutdownAbortTimeout; default 10 s). */
  shutdownTimeoutMs?: number
  /** First delay before starting a pool that died again; it doubles up to `maxRestartDelayMs` (defaults 500 ms and 10 s). */
  restartDelayMs?: number
  maxRestartDelayMs?: number
}

/**
 * Releases the jobs of worker pools that stopped beating (a killed process),
 * so their runs go on elsewhere instead of waiting for graphile-worker's
 * hours-long lock expiry. Returns the pools released.
 */
export async function releaseDeadWorkers(deps: Pick<ExecutionDeps, 'db'>, staleAfterMs: number, exceptPool = ''): Promise<string[]> {
  const { rows } = await sql<{ pool_id: string }>`with dead as (
      delete from worker_heartbeats
      where last_seen < now() - make_interval(secs => ${staleAfterMs / 1000}) and pool_id <> ${exceptPool}
      returning pool_id)
    select pool_id from dead`.execute(deps.db)
  const pools = rows.map((r) => r.pool_id)
  if (pools.length > 0) await sql`select graphile_worker.force_unlock_workers(${pools}::text[])`.execute(deps.db)
  return pools
}

/**
 * graphile-worker settings Kairos runs with: Node's time (so the queue and the
 * engine read one clock), completions written at once, and a local queue that
 * fetches jobs in batches. Exported so benchmarks measure the queue as Kairos runs it.
 */
export function workerPreset(settings: WorkerSettings, shutdownTimeoutMs = 10_000): GraphileConfig.Preset {
  return {
    worker: {
      concurrentJobs: settings.concurrency,
      pollInterval: settings.pollInterval,
      useNodeTime: true,
      completeJobBatchDelay: 0,
      failJobBatchDelay: 0,
      gracefulShutdownAbortTimeout: shutdownTimeoutMs,
      ...(settings.localQueueSize > 0 ? { localQueue: { size: settings.localQueueSize } } : {}),
    },
  }
}

interface Instance {
  runner: Runner
  pool: WorkerPool
  wakeTimer: WakeTimer
}

/**
 * Starts graphile-worker in this process with Kairos' tasks. Uses Node's time
 * (`useNodeTime`) so the queue and the engine read the same clock, a local
 * queue to fetch jobs in batches, a wake timer so delayed jobs start on the
 * dot, and heartbeats for crash recovery.
 *
 * graphile-worker's pool ends itself when Postgres goes away at the wrong moment (it cannot
 * complete or return jobs, and shuts down rather than guess), and its runner then stops for
 * good. Kairos starts a new pool, after 0.5 s, 1 s, 2 s … up to 10 s, until one runs; the dead
 * pool's jobs are unlocked first, so nothing waits for graphile-worker's four-hour lock expiry.
 * `health()` says whether it runs; the runtime exits the process when it has not for too long.
 */
export async function startWorker(deps: ExecutionDeps & { pool: pg.Pool }, settings: WorkerSettings, options: WorkerOptions = {}): Promise<KairosWorker> {
  const log = options.log ?? { info: (m) => console.log(`[kairos] ${m}`), error: (m) => console.error(`[kairos] ${m}`) }
  const firstDelay = options.restartDelayMs ?? 500
  const maxDelay = options.maxRestartDelayMs ?? 10_000
  let current: Instance | undefined
  let stopping = false
  let down: { since: Date; at: number; reason: string; deadPools: string[] } | undefined
  let attempts = 0
  let retryTimer: NodeJS.Timeout | undefined
  let lastPoolId = ''

  const launch = async (): Promise<Instance> => {
    const events: WorkerEvents = new EventEmitter()
    let pool: WorkerPool | undefined
    events.on('pool:create', ({ workerPool }) => {
      pool = workerPool
    })
    const runner = await run({
      pgPool: deps.pool,
      taskList: kairosTasks(deps, { retention: settings.retention }),
      logger: quietLogger,
      events,
      noHandleSignals: true,
      preset: workerPreset(settings, options.shutdownTimeoutMs),
    })
    if (!pool) throw new Error('graphile-worker started without creating a worker pool')
    const instance: Instance = { runner, pool, wakeTimer: new WakeTimer(deps.db, pool, settings.concurrency, log) }
    instance.wakeTimer.start()
    // The pool's end, whatever ends it; both handlers, so its rejection is never unhandled.
    void pool.promise.then(
      () => lost(instance, 'worker pool exited'),
      (error: Error) => lost(instance, `worker pool exited with error: ${error.message}`),
    )
    return instance
  }

  const lost = (instance: Instance, reason: string) => {
    if (stopping || instance !== current) return
    current = undefined
    instance.wakeTimer.stop()
    down ??= { since: new Date(), at: performance.now(), reason, deadPools: [] }
    down.deadPools.push(instance.pool.id)
    scheduleRestart(reason)
  }

  const scheduleRestart = (reason: string) => {
    const delay = Math.min(maxDelay, firstDelay * 2 ** attempts++)
    log.error(`worker stopped (${reason}); starting it again in ${delay} ms`)
    retryTimer = setTimeout(() => void restart(), delay)
  }

  const restart = async () => {
    if (stopping || !down) return
    try {
      // The dead pools' jobs go back to the queue now (and their heartbeats go), not hours from now.
      await sql`select graphile_worker.force_unlock_workers(${down.deadPools}::text[])`.execute(deps.db)
      await deps.db.deleteFrom('worker_heartbeats').where('pool_id', 'in', down.deadPools).execute()
      const instance = await launch()
      if (stopping) return void (await instance.runner.stop())
      current = instance
      lastPoolId = instance.pool.id
      log.info(`worker running again after ${Math.round((performance.now() - down.at) / 1000)} s (pool ${lastPoolId})`)
      down = undefined
      attempts = 0
      await beat().catch((error: Error) => log.error(`worker heartbeat failed: ${error.message}`))
    } catch (error) {
      if (down) down.reason = (error as Error).message
      scheduleRestart((error as Error).message)
    }
  }

  let beatFailing = false
  const beat = async () => {
    if (!current) return
    const poolId = current.pool.id
    await sql`insert into worker_heartbeats (pool_id) values (${poolId})
      on conflict (pool_id) do update set last_seen = now()`.execute(deps.db)
    await releaseDeadWorkers(deps, settings.staleAfterMs, poolId)
    if (beatFailing) log.info('worker heartbeat written again')
    beatFailing = false
  }

  current = await launch()
  lastPoolId = current.pool.id
  await beat()
  // The date sweep queues itself minute after minute; a starting worker makes sure one is pending (the job key keeps it to one).
  await addJobs(deps.db, [dateSweepJobSpec(deps.clock.now())])
  // Retention runs daily: a starting worker queues a pass now unless one is pending (which keeps its time).
  await queueRetention(deps.db, deps.clock.now(), true)
  const timer = setInterval(() => {
    beat().catch((error: Error) => {
      // Once per outage: Postgres being away is reported by the pool's restarts and /ready.
      if (!beatFailing) log.error(`worker heartbeat failed: ${error.message}`)
      beatFailing = true
    })
  }, Math.max(500, Math.floor(settings.staleAfterMs / 3)))
  timer.unref()

  // The pool being stopped, so that a kill after a stop that takes too long reaches it.
  let closing: Instance | undefined
  const stop = async () => {
    stopping = true
    clearInterval(timer)
    clearTimeout(retryTimer)
    closing = current
    current = undefined
    if (closing) {
      closing.wakeTimer.stop()
      await closing.runner.stop().catch((error: Error) => log.error(`worker did not stop cleanly: ${error.message}`))
    }
    await deps.db.deleteFrom('worker_heartbeats').where('pool_id', '=', lastPoolId).execute()
      .catch((error: Error) => log.error(`worker heartbeat row not removed (another process releases it once stale): ${error.message}`))
  }

  return {
    get poolId() {
      return lastPoolId
    },
    health() {
      if (current) return { state: 'running', poolId: current.pool.id }
      if (down) return { state: 'reconnecting', since: down.since, forMs: performance.now() - down.at, reason: down.reason }
      return { state: 'stopped' }
    },
    stop,
    async kill() {
      const instance = closing ?? current
      if (!stopping) void stop()
      if (instance && !instance.pool._forcefulShuttingDown)
        await Promise.resolve(instance.pool.forcefulShutdown('Kairos is shutting down')).catch((error: Error) => log.error(`worker forceful shutdown: ${error.message}`))
    },
  }
}
