import { NodeRegistry } from '@kairos/engine'
import {
  BUILT_IN_PLUGIN_DIRS,
  buildApp,
  ChannelKindRegistry,
  createCore,
  loadNodePlugins,
  startWorker,
  type KairosCore,
  type KairosWorker,
  type WorkerSettings,
} from '@kairos/server'
import type { BenchDatabase } from './database.ts'

type App = Awaited<ReturnType<typeof buildApp>>

/** Events as POST /api/events takes them. */
export interface BenchEvent {
  contact: string
  name: string
  properties?: Record<string, unknown>
}

/** What POST /api/events answers. */
export interface IngestReply {
  accepted: number
  duplicates: number
  runsStarted: number
  runsResumed: number
  runsExited: number
}

/**
 * Kairos wired the way `startKairos` wires it (same pool size, the node
 * plugins from nodes/, the real Fastify app), minus the listening socket:
 * requests go through `app.inject`, so the figures include routing, schema
 * validation and JSON, but no TCP.
 */
export interface BenchKairos {
  core: KairosCore
  app: App
  /** An admin key's header, for phases that call `app.inject` or `injectWS` themselves. */
  authHeaders: Record<string, string>
  /** Runs a query on the bench database (rows only). */
  query<T>(text: string, values?: unknown[]): Promise<T[]>
  /** Creates and publishes a flow through the API; returns its id. */
  publishFlow(name: string, graph: unknown): Promise<string>
  /** Posts one batch through the API; throws unless it is accepted (202). */
  postEvents(events: BenchEvent[]): Promise<IngestReply>
  /** Called by the worker after each advance transaction commits (the server's own hook). */
  onCommitted?: (summary: { runs: number; steps: number }) => void
  /** Starts the in-process worker with `settings`; `stopWorker` stops it. */
  startWorker(): Promise<void>
  stopWorker(): Promise<void>
  close(): Promise<void>
}

export async function startBenchKairos(database: BenchDatabase, settings: WorkerSettings): Promise<BenchKairos> {
  const handle = database.connect(settings.concurrency + 6)
  const registry = new NodeRegistry()
  // The built-in node types and channel kinds, as the server loads them (the simulate phase sends through an sms.http channel).
  const channelKinds = new ChannelKindRegistry()
  const plugins = await loadNodePlugins([...BUILT_IN_PLUGIN_DIRS], registry, { info() {}, error: (m) => console.error(`[plugins] ${m}`) }, channelKinds)
  const failed = plugins.filter((p) => p.status === 'failed')
  if (failed.length > 0) throw new Error(`node plugins failed to load: ${failed.map((p) => `${p.package}: ${p.error}`).join('; ')}`)
  const core = createCore({ database: handle, registry, channelKinds, plugins })
  const app = await buildApp(core, { serveWeb: false })
  let worker: KairosWorker | undefined

  const call = async (method: 'POST', url: string, payload?: object, headers: Record<string, string> = setupHeaders) => {
    const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
    return { status: response.statusCode, body: response.body ? response.json() : undefined }
  }
  // As an integration would be set up: the first administrator, an admin key for set-up, and an
  // events:write key that every ingestion request carries (so the figures include its lookup).
  let setupHeaders: Record<string, string> = {}
  const setup = await app.inject({ method: 'POST', url: '/api/auth/setup', payload: { email: 'bench@kairos.test', name: 'Bench', password: 'bench password 1234' } })
  if (setup.statusCode !== 201) throw new Error(`first-run setup failed: ${setup.body}`)
  const cookie = String([setup.headers['set-cookie']].flat()[0]).split(';')[0]
  setupHeaders = { cookie, 'x-csrf-token': setup.json().csrfToken }
  const keyOf = async (scopes: string[]) => {
    const created = await call('POST', '/api/api-keys', { name: `bench ${scopes.join('+')}`, scopes })
    if (created.status !== 201) throw new Error(`creating a key failed: ${JSON.stringify(created.body)}`)
    return { authorization: `Bearer ${created.body.secret}` }
  }
  setupHeaders = await keyOf(['admin'])
  const ingestHeaders = await keyOf(['events:write'])

  const bench: BenchKairos = {
    core,
    app,
    authHeaders: setupHeaders,
    async query<T>(text: string, values: unknown[] = []) {
      return (await handle.pool.query(text, values)).rows as T[]
    },
    async publishFlow(name, graph) {
      const created = await call('POST', '/api/flows', { name, graph })
      if (created.status !== 201) throw new Error(`creating flow "${name}" failed: ${JSON.stringify(created.body)}`)
      const published = await call('POST', `/api/flows/${created.body.id}/publish`)
      if (published.status !== 200) throw new Error(`publishing flow "${name}" failed: ${JSON.stringify(published.body)}`)
      return created.body.id as string
    },
    async postEvents(events) {
      const reply = await call('POST', '/api/events', { events }, ingestHeaders)
      if (reply.status !== 202) throw new Error(`POST /api/events answered ${reply.status}: ${JSON.stringify(reply.body)}`)
      return reply.body as IngestReply
    },
    async startWorker() {
      const onCommitted = (summary: { runs: number; steps: number }) => {
        core.execution.onCommitted?.(summary)
        bench.onCommitted?.(summary)
      }
      worker ??= await startWorker({ ...core.execution, onCommitted, pool: handle.pool }, settings)
    },
    async stopWorker() {
      await worker?.stop()
      worker = undefined
    },
    async close() {
      await worker?.stop()
      await app.close()
      await handle.close()
    },
  }
  return bench
}
