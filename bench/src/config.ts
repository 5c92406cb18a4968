import { readConfig, type WorkerSettings } from '@kairos/server'
import { selectPhases, type Phase } from './phases.ts'

/**
 * The sizes and settings of one bench run. Sizes come from KAIROS_BENCH_*
 * variables so a slow machine (or a curious developer) can shrink or grow
 * them; the worker settings are the production defaults read the same way
 * the server reads them (KAIROS_WORKER_*), so the figures describe what a
 * default install does.
 */
export interface BenchConfig {
  /** Server to create the bench database on; absent = embedded Postgres in a temp dir. */
  databaseUrl?: string
  /** Events posted in the ingest bench (half start runs, half match nothing). */
  events: number
  /** Events per POST /api/events call (the API accepts up to 1000). */
  batchSize: number
  /** Contacts sent through the 5-step flow of the steps bench. */
  contacts: number
  /** Runs that wake up at the same second in the wake bench. */
  wakeRuns: number
  /** The wait of the wake bench (a duration like 20s): long enough to enroll every run first. */
  wakeWait: string
  /** graphile-worker no-op jobs for the raw-queue baseline. */
  noopJobs: number
  /** A phase with no progress for this long is reported as stalled (the bench then exits 1). */
  stallMs: number
  /** Seconds of each load round of the HTTP phase (10, then 50 connections; pgbench runs as long). */
  httpSeconds: number
  /** The phases to run (KAIROS_BENCH_ONLY, a comma list; default all). */
  phases: Set<Phase>
  worker: WorkerSettings
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${raw}"`)
  return value
}

export function readBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const batchSize = positiveInt(env, 'KAIROS_BENCH_BATCH', 1000)
  if (batchSize > 1000) throw new Error(`KAIROS_BENCH_BATCH must be ≤ 1000 (the API's batch limit), got ${batchSize}`)
  const wakeWait = env.KAIROS_BENCH_WAIT || '20s'
  if (!/^\d+s$/.test(wakeWait)) throw new Error(`KAIROS_BENCH_WAIT must be whole seconds like 20s, got "${wakeWait}"`)
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    events: positiveInt(env, 'KAIROS_BENCH_EVENTS', 50_000),
    batchSize,
    contacts: positiveInt(env, 'KAIROS_BENCH_CONTACTS', 10_000),
    wakeRuns: positiveInt(env, 'KAIROS_BENCH_WAKE_RUNS', 10_000),
    wakeWait,
    noopJobs: positiveInt(env, 'KAIROS_BENCH_NOOP_JOBS', 20_000),
    stallMs: positiveInt(env, 'KAIROS_BENCH_STALL_MS', 60_000),
    httpSeconds: positiveInt(env, 'KAIROS_BENCH_HTTP_SECONDS', 20),
    phases: selectPhases(env.KAIROS_BENCH_ONLY),
    worker: readConfig(env).worker,
  }
}
