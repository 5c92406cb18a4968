import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql } from 'kysely'
import { vi } from 'vitest'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { NodeRegistry } from '@kairos/engine'
import { parseDuration } from '@kairos/sdk'
import {
  BUILT_IN_PLUGIN_DIRS,
  buildApp,
  ChannelKindRegistry,
  connectDb,
  createCore,
  loadNodePlugins,
  REPO_ROOT,
  startWorker,
  type KairosCore,
  type KairosWorker,
  type PluginReport,
} from '@kairos/server'
import { createTestDatabase } from './database.ts'
import type { RetentionSettings } from '../../packages/server/src/retention/retention-settings.ts'
import { adminKeyHeaders, injectJson } from './test-auth.ts'
import { installContractCheck, unclaimedViolations } from './contract-check.ts'

export interface TestKairosOptions {
  /** Extra plugin folders besides nodes/ and channels/. */
  pluginDirs?: string[]
  sms?: Parameters<typeof createCore>[0]['sms']
  /** Start the in-process worker (default true). */
  worker?: boolean
  /**
   * Where fake time starts; default 2 March of next year, 01:00 UTC. It must lie
   * ahead of the real time: graphile-worker computes retry backoff from
   * greatest(Postgres now(), run_at), so a fake past would push retries months away.
   */
  startAt?: string
  /** Run on the wall clock instead (for tests with other processes, which cannot share a fake clock). */
  realTime?: boolean
  /** Leave the workspace without users, as a new install is (first-run tests); `api()` then has no credentials. */
  noAdmin?: boolean
  /**
   * Hosts the outbound guard lets through although loopback or private (as
   * KAIROS_ALLOWED_HOSTS); default loopback, where the fake providers listen.
   * Tests of the guard pass [].
   */
  allowedHosts?: string[]
  /** The key channel secrets are sealed with (as KAIROS_SECRET_KEY); default TEST_SECRET_KEY, null for none. */
  secretKey?: string | null
  /** What the worker's daily retention pass deletes (as KAIROS_RETENTION_*); default nothing. */
  retention?: RetentionSettings
  /** The base of tracked links (as KAIROS_PUBLIC_URL); default none. */
  publicUrl?: string
}

export interface TestKairos {
  core: KairosCore
  app: FastifyInstance
  url: string
  plugins: PluginReport[]
  /** `app.inject` as the workspace's administrator (an admin API key), returning the status and parsed JSON body. */
  api<T = any>(method: InjectOptions['method'], url: string, body?: unknown): Promise<{ status: number; body: T }>
  /** The administrator key's header, for tests that call `app.inject` or `injectWS` themselves. */
  authHeaders: Record<string, string>
  /** Runs every job that is due now, until none is left (nothing sleeps on a clock). */
  drain(): Promise<void>
  /** Moves the fake clock forward (e.g. '30m') and runs what became due. */
  advance(by: string): Promise<void>
  now(): Date
  /** Stops the app and worker and starts new ones on the same database, as a server restart would (with `changes` to the options). */
  restart(changes?: Partial<TestKairosOptions>): Promise<void>
  stop(): Promise<void>
}

const silent = { info() {}, error() {} }

/** The KAIROS_SECRET_KEY of test servers (also given to the worker and e2e processes they spawn). */
export const TEST_SECRET_KEY = 'kairos-test-secret-key'

/**
 * A Kairos core, HTTP app (used through `inject`, no port) and in-process
 * worker on a fresh database, with `Date` faked so the test moves time.
 */
export async function startTestKairos(options: TestKairosOptions = {}): Promise<TestKairos> {
  const start = options.startAt ? new Date(options.startAt) : new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 2, 1))
  if (!options.realTime) vi.useFakeTimers({ toFake: ['Date'], now: start })
  const database = await createTestDatabase()
  let process = await open(database.url, options)

  const drain = async () => {
    // Nudge the worker: jobs due on the fake clock raise no notification of their own.
    await sql`select pg_notify('jobs:insert', '{"count":100}')`.execute(process.core.database.db)
    for (let quiet = 0; quiet < 3; ) {
      const { rows } = await sql<{ busy: number }>`select count(*)::int as busy from graphile_worker._private_jobs
          where locked_at is not null or (run_at <= ${new Date()} and attempts < max_attempts)`.execute(process.core.database.db)
      quiet = rows[0].busy === 0 ? quiet + 1 : 0
      await new Promise((resolve) => setTimeout(resolve, 15))
    }
  }

  return {
    get core() {
      return process.core
    },
    get app() {
      return process.app
    },
    url: database.url,
    get plugins() {
      return process.plugins
    },
    async api(method, url, body) {
      const { status, body: answer } = await injectJson(process.app, { method, url, headers: process.authHeaders, body })
      return { status, body: answer }
    },
    get authHeaders() {
      return process.authHeaders
    },
    drain,
    async advance(by) {
      vi.setSystemTime(new Date(Date.now() + parseDuration(by)))
      await drain()
    },
    now: () => new Date(),
    async restart(changes) {
      if (changes) options = { ...options, ...changes }
      await process.close()
      process = await open(database.url, options)
    },
    async stop() {
      await process.close()
      await database.drop()
      vi.useRealTimers()
    },
  }
}

/** One Kairos "process" on a database: core, app and (optionally) worker. */
async function open(url: string, options: TestKairosOptions) {
  const handle = connectDb(url, { max: 8 })
  const registry = new NodeRegistry()
  const channelKinds = new ChannelKindRegistry()
  const plugins = await loadNodePlugins([...BUILT_IN_PLUGIN_DIRS, ...(options.pluginDirs ?? [])], registry, silent, channelKinds)
  const core = createCore({
    database: handle, registry, channelKinds, plugins, sms: options.sms,
    secretKey: options.secretKey === null ? undefined : (options.secretKey ?? TEST_SECRET_KEY),
    allowedHosts: options.allowedHosts ?? ['127.0.0.1', 'localhost'],
    publicUrl: options.publicUrl,
  })
  // As a server start does (runtime.ts): seal secrets left in plain text.
  await core.channels.sealStored()
  const app = await buildApp(core, { serveWeb: false, liveHeartbeatMs: 500 })
  installContractCheck(app)
  const authHeaders: Record<string, string> = options.noAdmin ? {} : await adminKeyHeaders(app)
  let worker: KairosWorker | undefined
  if (options.worker ?? true)
    worker = await startWorker({ ...core.execution, pool: handle.pool }, { concurrency: 4, localQueueSize: 0, pollInterval: 50, staleAfterMs: 60_000, retention: options.retention })
  return {
    core,
    app,
    plugins,
    authHeaders,
    async close() {
      const broken = unclaimedViolations(app)
      await app.close()
      await worker?.stop()
      await handle.close()
      if (broken.length > 0) throw new Error(`API contract broken:\n${broken.join('\n')}`)
    },
  }
}

/** Reads a flow document from tests/fixtures. */
export async function loadFlowFixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(REPO_ROOT, 'tests', 'fixtures', `${name}.flow.json`), 'utf8'))
}

/** Creates and publishes a flow through the API; returns its id. */
export async function publishFlow(kairos: TestKairos, name: string, graph: unknown): Promise<string> {
  const created = await kairos.api('POST', '/api/flows', { name, graph })
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`)
  const published = await kairos.api('POST', `/api/flows/${created.body.id}/publish`)
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`)
  return created.body.id
}
