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

/** A running job processor in this process. */
export interface KairosWorker {
  poolId: string
  stop(): Promise<void>
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
export function workerPreset(settings: WorkerSettings): GraphileConfig.Preset {
  return {
    worker: {
      concurrentJobs: settings.concurrency,
      pollInterval: settings.pollInterval,
      useNodeTime: true,
      completeJobBatchDelay: 0,
      failJobBatchDelay: 0,
      ...(settings.localQueueSize > 0 ? { localQueue: { size: settings.localQueueSize } } : {}),
    },
  }
}

/**
 * Starts graphile-worker in this process with Kairos' tasks. Uses Node's time
 * (`useNodeTime`) so the queue and the engine read the same clock, a local
 * queue to fetch jobs in batches, a wake timer so delayed jobs start on the
 * dot, and heartbeats for crash recovery.
 */
export async function startWorker(deps: ExecutionDeps & { pool: pg.Pool }, settings: WorkerSettings): Promise<KairosWorker> {
  const events: WorkerEvents = new EventEmitter()
  let pool: WorkerPool | undefined
  events.on('pool:create', ({ workerPool }) => {
    pool = workerPool
  })
  const runner: Runner = await run({
    pgPool: deps.pool,
    taskList: kairosTasks(deps),
    logger: quietLogger,
    events,
    noHandleSignals: true,
    preset: workerPreset(settings),
  })
  if (!pool) throw new Error('graphile-worker started without creating a worker pool')
  const poolId = pool.id
  const wakeTimer = new WakeTimer(deps.db, pool, settings.concurrency)
  wakeTimer.start()
  const beat = async () => {
    await sql`insert into worker_heartbeats (pool_id) values (${poolId})
      on conflict (pool_id) do update set last_seen = now()`.execute(deps.db)
    await releaseDeadWorkers(deps, settings.staleAfterMs, poolId)
  }
  await beat()
  // The date sweep queues itself minute after minute; a starting worker makes sure one is pending (the job key keeps it to one).
  await addJobs(deps.db, [dateSweepJobSpec(deps.clock.now())])
  const timer = setInterval(() => beat().catch(() => {}), Math.max(500, Math.floor(settings.staleAfterMs / 3)))
  timer.unref()
  return {
    poolId,
    async stop() {
      clearInterval(timer)
      wakeTimer.stop()
      await runner.stop()
      await deps.db.deleteFrom('worker_heartbeats').where('pool_id', '=', poolId).execute().catch(() => {})
    },
  }
}
