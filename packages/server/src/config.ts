import { delimiter, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root, where nodes/, migrations/ and web/ live. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

export type ProcessRole = 'api' | 'worker' | 'all'

/** Server configuration, read from the environment by `readConfig`. */
export interface KairosConfig {
  /** Postgres to use; when absent, `pnpm start` runs an embedded one under `dataDir`. */
  databaseUrl?: string
  /** HTTP port (default 3000) and host (default 127.0.0.1; 0.0.0.0 in Docker). */
  port: number
  host: string
  /** `api` serves HTTP, `worker` runs jobs, `all` (default) does both. */
  role: ProcessRole
  /** Folders of node packages: the repository's nodes/ plus KAIROS_PLUGINS_DIR (path-list). */
  pluginDirs: string[]
  /** Where the embedded Postgres keeps its data (default ./.kairos). */
  dataDir: string
  /** Load the demo workspace once into an empty database (default on). */
  loadDemo: boolean
  worker: WorkerSettings
  sms: SmsProviderConfig
  /** Seals channel secrets at rest (KAIROS_SECRET_KEY). */
  secretKey?: string
}

/** Job execution tuning; defaults favour throughput on a small machine. */
export interface WorkerSettings {
  /** Jobs run at once in this process (default 8). */
  concurrency: number
  /** Jobs fetched per poll into the local queue (default 200; 0 turns the local queue off). */
  localQueueSize: number
  /** How often to look for due jobs when no notification arrives (default 1000 ms). */
  pollInterval: number
  /** A worker pool silent this long is presumed dead and its jobs released (default 30 s). */
  staleAfterMs: number
}

export type SmsProviderConfig =
  | { kind: 'outbox' }
  | { kind: 'http'; url: string; token?: string; timeoutMs: number }

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`)
  return value
}

/** Reads and checks the configuration; a bad value throws naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): KairosConfig {
  const role = (env.KAIROS_ROLE ?? 'all') as ProcessRole
  if (!['api', 'worker', 'all'].includes(role)) throw new Error(`KAIROS_ROLE must be api, worker or all, got "${role}"`)
  const smsKind = env.KAIROS_SMS_PROVIDER ?? 'outbox'
  let sms: SmsProviderConfig
  if (smsKind === 'outbox') sms = { kind: 'outbox' }
  else if (smsKind === 'http') {
    if (!env.KAIROS_SMS_HTTP_URL) throw new Error('KAIROS_SMS_HTTP_URL is required when KAIROS_SMS_PROVIDER=http')
    sms = { kind: 'http', url: env.KAIROS_SMS_HTTP_URL, token: env.KAIROS_SMS_HTTP_TOKEN, timeoutMs: intFrom(env, 'KAIROS_SMS_HTTP_TIMEOUT_MS', 10_000) }
  } else throw new Error(`KAIROS_SMS_PROVIDER must be outbox or http, got "${smsKind}"`)
  const extraPlugins = (env.KAIROS_PLUGINS_DIR ?? '').split(delimiter).filter(Boolean).map((p) => resolve(p))
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    role,
    pluginDirs: [resolve(REPO_ROOT, 'nodes'), ...extraPlugins],
    dataDir: resolve(env.KAIROS_DATA_DIR ?? resolve(REPO_ROOT, '.kairos')),
    loadDemo: env.KAIROS_DEMO !== 'off',
    worker: {
      concurrency: intFrom(env, 'KAIROS_WORKER_CONCURRENCY', 8),
      localQueueSize: intFrom(env, 'KAIROS_WORKER_LOCAL_QUEUE', 200),
      pollInterval: intFrom(env, 'KAIROS_WORKER_POLL_MS', 1000),
      staleAfterMs: intFrom(env, 'KAIROS_WORKER_STALE_MS', 30_000),
    },
    sms,
    secretKey: env.KAIROS_SECRET_KEY || undefined,
  }
}
