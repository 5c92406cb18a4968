import { delimiter, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllowedHostList } from './outbound/allowed-hosts.ts'
import { parseDuration, RUN_TIME_LIMIT_MS } from '@kairos/sdk'
import { parseCorsOrigins } from './http/cors.ts'
import { LOG_LEVELS, type LogLevel } from './http/log-options.ts'
import { readRetention, type RetentionSettings } from './retention/retention-settings.ts'

/** The repository root, where nodes/, channels/, migrations/ and web/ live. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/** The plugin folders every server loads: the built-in node types (nodes/) and channel kinds (channels/). */
export const BUILT_IN_PLUGIN_DIRS: readonly string[] = [resolve(REPO_ROOT, 'nodes'), resolve(REPO_ROOT, 'channels')]

/** `migrate` brings the schema up to date and exits (the image's `migrate` command). */
export type ProcessRole = 'api' | 'worker' | 'all' | 'migrate'

/** Server configuration, read from the environment by `readConfig`. */
export interface KairosConfig {
  /** Postgres to use; when absent, `pnpm start` runs an embedded one under `dataDir`. */
  databaseUrl?: string
  /** HTTP port (default 3000) and host (default 127.0.0.1; 0.0.0.0 in Docker). */
  port: number
  host: string
  /** `api` serves HTTP, `worker` runs jobs, `all` (default) does both, `migrate` migrates and exits. */
  role: ProcessRole
  /** Folders of plugin packages: the repository's nodes/ and channels/, plus KAIROS_PLUGINS_DIR (path-list). */
  pluginDirs: string[]
  /** Where the embedded Postgres keeps its data (default ./.kairos). */
  dataDir: string
  /** Load the demo workspace once into an empty database (default on). */
  loadDemo: boolean
  worker: WorkerSettings
  sms: SmsProviderConfig
  /**
   * Seals channel secrets at rest (KAIROS_SECRET_KEY). Without it, the
   * embedded database's runtime uses a key it keeps in `<dataDir>/secret.key`;
   * with an external database, channels with secrets cannot be saved.
   */
  secretKey?: string
  /**
   * Hosts outbound requests may reach although their addresses are loopback,
   * private, link-local or metadata (KAIROS_ALLOWED_HOSTS, comma-separated
   * `host`, `host:port` or `[IPv6]:port`; no port = any port). Default none.
   */
  allowedHosts: string[]
  /** KAIROS_LOG_LEVEL: pino level of the JSON log on stdout (default `info`; `silent` turns it off). */
  logLevel: LogLevel
  /** KAIROS_CORS_ORIGINS: origins whose pages may call the API with credentials (comma list; default none, no CORS). */
  corsOrigins: string[]
  /** KAIROS_METRICS_PORT / KAIROS_METRICS_HOST: a second listener serving /metrics without credentials (default off; host 127.0.0.1). */
  metrics: MetricsListen
  access: AccessSettings
  /** KAIROS_SHUTDOWN_TIMEOUT_MS: on SIGTERM, how long in-flight requests and running jobs get to finish (default 10000). */
  shutdownTimeoutMs: number
  /**
   * KAIROS_DB_RECONNECT_MS: how long Postgres may stay unreachable (or the worker stay stopped)
   * before the process exits non-zero for its supervisor to restart it (default 60000).
   */
  dbReconnectMs: number
  /**
   * KAIROS_NODE_RUN_TIMEOUT_MS: how long one node's run() may take before its run fails (default 5000).
   * It runs in the batch's transaction, holding its contacts' locks; a run() that waits on something
   * (a request it should have made an effect) is cut off, one stuck in a synchronous loop cannot be.
   */
  nodeRunTimeoutMs: number
  /**
   * KAIROS_PUBLIC_URL: the address contacts reach this server at (`https://go.shop.example`), the
   * base of tracked short links (`<base>/c/<code>`) and email open pixels (docs/tracking.md).
   * Unset (default): a template using `| track` fails with an error saying to set it, and email
   * links are sent as written.
   */
  publicUrl?: string
}

/** Accounts and sessions (docs/security.md). */
export interface AccessSettings {
  /** KAIROS_ADMIN_EMAIL + KAIROS_ADMIN_PASSWORD: the first administrator, created at start while no user exists. */
  bootstrapAdmin?: { email: string; password: string; name: string }
  /** KAIROS_COOKIE_SECURE: `auto` (default: Secure when the request came over https), `always`, `never`. */
  cookieSecure: 'auto' | 'always' | 'never'
  /** KAIROS_TRUST_PROXY: trust X-Forwarded-* from a reverse proxy (`true`, a hop count or an address list; default off). */
  trustProxy: boolean | number | string
  /** KAIROS_ALLOWED_ORIGINS: origins besides Kairos' own that may open the live websocket with a session. */
  allowedOrigins: string[]
  /** KAIROS_SESSION_IDLE / KAIROS_SESSION_MAX: session lifetimes (defaults 7d and 30d). */
  sessionIdleMs: number
  sessionAbsoluteMs: number
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
  /** KAIROS_RETENTION_*: how long finished history is kept, pruned daily by the worker (default: forever; docs/operations.md, Retention). */
  retention?: RetentionSettings
}

export type SmsProviderConfig =
  | { kind: 'outbox' }
  | { kind: 'http'; url: string; token?: string; timeoutMs: number }

function durationFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  try {
    return parseDuration(raw)
  } catch {
    throw new Error(`${name} must be a duration such as 12h or 7d, got "${raw}"`)
  }
}

function readAccess(env: NodeJS.ProcessEnv): AccessSettings {
  const email = env.KAIROS_ADMIN_EMAIL
  const password = env.KAIROS_ADMIN_PASSWORD
  if (Boolean(email) !== Boolean(password)) throw new Error('KAIROS_ADMIN_EMAIL and KAIROS_ADMIN_PASSWORD must be set together')
  const cookieSecure = (env.KAIROS_COOKIE_SECURE || 'auto') as AccessSettings['cookieSecure']
  if (!['auto', 'always', 'never'].includes(cookieSecure)) throw new Error(`KAIROS_COOKIE_SECURE must be auto, always or never, got "${cookieSecure}"`)
  const proxy = env.KAIROS_TRUST_PROXY ?? ''
  const trustProxy = proxy === '' || proxy === 'false' ? false : proxy === 'true' ? true : /^\d+$/.test(proxy) ? Number(proxy) : proxy
  const allowedOrigins = (env.KAIROS_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)
  for (const origin of allowedOrigins)
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new Error(`KAIROS_ALLOWED_ORIGINS holds "${origin}": each entry must be an origin such as https://crm.example.com`)
  return {
    bootstrapAdmin: email && password ? { email, password, name: env.KAIROS_ADMIN_NAME || 'Administrator' } : undefined,
    cookieSecure,
    trustProxy,
    allowedOrigins,
    sessionIdleMs: durationFrom(env, 'KAIROS_SESSION_IDLE', 7 * 86_400_000),
    sessionAbsoluteMs: durationFrom(env, 'KAIROS_SESSION_MAX', 30 * 86_400_000),
  }
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`)
  return value
}

function positiveFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = intFrom(env, name, fallback)
  if (value < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${env[name]}"`)
  return value
}

function logLevelFrom(env: NodeJS.ProcessEnv): LogLevel {
  const level = (env.KAIROS_LOG_LEVEL || 'info') as LogLevel
  if (!LOG_LEVELS.includes(level)) throw new Error(`KAIROS_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`)
  return level
}

/** Where the credential-free metrics listener answers; no port, no listener (the API's /metrics needs a key with scope `metrics`). */
export interface MetricsListen {
  port?: number
  host: string
}

function readMetricsListen(env: NodeJS.ProcessEnv): MetricsListen {
  const port = env.KAIROS_METRICS_PORT ? intFrom(env, 'KAIROS_METRICS_PORT', 0) : undefined
  if (port !== undefined && port > 65535) throw new Error(`KAIROS_METRICS_PORT must be a port number, got "${port}"`)
  return { port, host: env.KAIROS_METRICS_HOST || '127.0.0.1' }
}

/** KAIROS_PUBLIC_URL checked: an absolute http(s) URL with no query or fragment, without its trailing slash. */
export function publicUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.KAIROS_PUBLIC_URL?.trim()
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`KAIROS_PUBLIC_URL must be the address contacts reach Kairos at, such as https://go.shop.example, got "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`KAIROS_PUBLIC_URL must be an http or https URL, got "${raw}"`)
  if (url.search || url.hash || url.username || url.password) throw new Error(`KAIROS_PUBLIC_URL must have no query, fragment or credentials, got "${raw}"`)
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/** Reads and checks the configuration; a bad value throws naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): KairosConfig {
  const role = (env.KAIROS_ROLE ?? 'all') as ProcessRole
  if (!['api', 'worker', 'all', 'migrate'].includes(role)) throw new Error(`KAIROS_ROLE must be api, worker, all or migrate, got "${role}"`)
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
    pluginDirs: [...BUILT_IN_PLUGIN_DIRS, ...extraPlugins],
    dataDir: resolve(env.KAIROS_DATA_DIR ?? resolve(REPO_ROOT, '.kairos')),
    loadDemo: env.KAIROS_DEMO !== 'off',
    worker: {
      concurrency: intFrom(env, 'KAIROS_WORKER_CONCURRENCY', 8),
      localQueueSize: intFrom(env, 'KAIROS_WORKER_LOCAL_QUEUE', 200),
      pollInterval: intFrom(env, 'KAIROS_WORKER_POLL_MS', 1000),
      staleAfterMs: intFrom(env, 'KAIROS_WORKER_STALE_MS', 30_000),
      retention: readRetention(env),
    },
    sms,
    secretKey: env.KAIROS_SECRET_KEY || undefined,
    allowedHosts: parseAllowedHostList(env.KAIROS_ALLOWED_HOSTS),
    logLevel: logLevelFrom(env),
    corsOrigins: parseCorsOrigins(env.KAIROS_CORS_ORIGINS),
    metrics: readMetricsListen(env),
    access: readAccess(env),
    shutdownTimeoutMs: intFrom(env, 'KAIROS_SHUTDOWN_TIMEOUT_MS', 10_000),
    dbReconnectMs: intFrom(env, 'KAIROS_DB_RECONNECT_MS', 60_000),
    nodeRunTimeoutMs: positiveFrom(env, 'KAIROS_NODE_RUN_TIMEOUT_MS', RUN_TIME_LIMIT_MS),
    publicUrl: publicUrlFrom(env),
  }
}
