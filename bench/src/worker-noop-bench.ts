import { EventEmitter } from 'node:events'
import { Logger, run, type WorkerEvents } from 'graphile-worker'
import { workerPreset, type WorkerSettings } from '@kairos/server'
import type { BenchDatabase } from './database.ts'
import { StallError } from './poll.ts'
import { perSecond, round } from './stats.ts'

export interface NoopFigures {
  jobs: number
  jobsPerSec: number
  seconds: number
}

const NOOP_TASK = 'bench.noop'
const ADD_CHUNK = 10_000

const quiet = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.error(`[graphile-worker] ${message}`)
})

/**
 * The ceiling the queue itself sets: graphile-worker running jobs that do
 * nothing, on the same database, with the settings Kairos' worker uses
 * (concurrency, local queue, poll interval, immediate completion batches).
 * Jobs are added up front with add_jobs; the clock runs from starting the
 * runner until the last job completed. Dividing Kairos' figures by this one
 * shows what Kairos costs on top of the queue.
 */
export async function workerNoopBench(
  database: BenchDatabase,
  options: { jobs: number; settings: WorkerSettings; stallMs: number; log: (m: string) => void },
): Promise<NoopFigures> {
  const { jobs, settings } = options
  const handle = database.connect(settings.concurrency + 6)
  try {
    for (let added = 0; added < jobs; added += ADD_CHUNK)
      await handle.pool.query(
        `select graphile_worker.add_jobs(array(
           select json_populate_record(null::graphile_worker.job_spec, json_build_object('identifier', $1::text, 'payload', json_build_object('n', g)))
           from generate_series(1, $2::int) g))`,
        [NOOP_TASK, Math.min(ADD_CHUNK, jobs - added)],
      )
    options.log(`noop: ${jobs} jobs added, running them`)

    const events: WorkerEvents = new EventEmitter()
    let completed = 0
    let lastProgress = performance.now()
    const done = Promise.withResolvers<number>()
    events.on('job:complete', () => {
      completed += 1
      lastProgress = performance.now()
      if (completed === jobs) done.resolve(lastProgress)
    })
    const watchdog = setInterval(() => {
      if (performance.now() - lastProgress > options.stallMs) done.reject(new StallError(`noop bench: stuck at ${completed}/${jobs} jobs`))
    }, 1000)
    const t0 = performance.now()
    const runner = await run({
      pgPool: handle.pool,
      taskList: { [NOOP_TASK]: async () => {} },
      logger: quiet,
      events,
      noHandleSignals: true,
      preset: workerPreset(settings),
    })
    try {
      const tDone = await done.promise
      const ms = tDone - t0
      return { jobs, jobsPerSec: perSecond(jobs, ms), seconds: round(ms / 1000, 2) }
    } finally {
      clearInterval(watchdog)
      await runner.stop()
      const [{ remaining }] = (await handle.pool.query(`select count(*)::int as remaining from graphile_worker.jobs where task_identifier = $1`, [NOOP_TASK])).rows
      if (remaining > 0) options.log(`noop: ${remaining} jobs still in the table after the runner stopped`)
    }
  } finally {
    await handle.close()
  }
}
