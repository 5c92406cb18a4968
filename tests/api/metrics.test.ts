import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { buildApp, readConfig, startMetricsServer } from '@kairos/server'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { keyHeaders, logIn, TEST_ADMIN } from '../support/test-auth.ts'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'

// /metrics on a real Postgres: who may scrape it, counters that move when an event starts a run
// and it completes, histograms, and gauges read from the database (cached between scrapes).

/** One series of a Prometheus text answer: its value, or 0 when absent (a counter not yet moved). */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]))
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3])
  }
  return 0
}

const provider = fakeHttpProvider()
let kairos: TestKairos
let flowId: string
let metricsKey: Record<string, string>

const scrape = async (app: FastifyInstance = kairos.app, headers: Record<string, string> = metricsKey) => {
  const answer = await app.inject({ method: 'GET', url: '/metrics', headers })
  return { status: answer.statusCode, type: String(answer.headers['content-type']), text: answer.body }
}

beforeAll(async () => {
  const url = await provider.listen()
  kairos = await startTestKairos({ sms: { kind: 'http', url, timeoutMs: 2000 } })
  metricsKey = await keyHeaders(kairos.app, kairos.authHeaders, ['metrics'])
  // Welcome SMS, an hour's wait, a tip SMS a cap of one a day suppresses, a tag.
  flowId = await publishFlow(kairos, 'Welcome', {
    nodes: [
      { id: 'entry', type: 'trigger.event', version: 1, config: { event: 'signed_up' } },
      { id: 'hello', type: 'send.sms', version: 1, config: { text: 'Welcome' } },
      { id: 'pause', type: 'wait', version: 1, config: { for: '1h' } },
      { id: 'tip', type: 'send.sms', version: 1, config: { text: 'A tip' } },
      { id: 'done', type: 'tag', version: 1, config: { add: ['welcomed'] } },
    ],
    edges: [
      { source: 'entry', sourcePort: 'next', target: 'hello' },
      { source: 'hello', sourcePort: 'next', target: 'pause' },
      { source: 'pause', sourcePort: 'next', target: 'tip' },
      { source: 'tip', sourcePort: 'next', target: 'done' },
    ],
    settings: { reentry: 'always' },
  })
  expect((await kairos.api('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 1, per: '1d' }] })).status).toBe(200)
})
afterAll(async () => {
  await kairos?.stop()
  await provider.close()
})

describe('who may scrape /metrics', () => {
  it('answers an admin session and a key with scope metrics; 401 without credentials, 403 to an events:write key', async () => {
    expect((await scrape(kairos.app, {})).status).toBe(401)
    expect((await scrape(kairos.app, await keyHeaders(kairos.app, kairos.authHeaders, ['events:write']))).status).toBe(403)
    const admin = await logIn(kairos.app, TEST_ADMIN.email, TEST_ADMIN.password)
    expect((await scrape(kairos.app, admin.headers)).status).toBe(200)
    const answer = await scrape()
    expect(answer.status).toBe(200)
    expect(answer.type).toMatch(/^text\/plain; version=0\.0\.4/)
    // Node's default process metrics come along.
    expect(answer.text).toMatch(/^process_cpu_user_seconds_total /m)
    expect(answer.text).toMatch(/^nodejs_eventloop_lag_seconds /m)
    // The metrics scope opens nothing else.
    expect((await kairos.app.inject({ method: 'GET', url: '/api/flows', headers: metricsKey })).statusCode).toBe(403)
  })
})

describe('counters and histograms', () => {
  it('count an event that starts a run, its steps, its deliveries and the suppression, and the run completing', async () => {
    const before = (await scrape()).text
    await kairos.api('PUT', '/api/contacts/ada', { attributes: { phone: '+8613900000001' } })
    expect((await kairos.api('POST', '/api/events', { contact: 'ada', name: 'signed_up', id: 'signup-ada' })).status).toBe(202)
    await kairos.drain()
    await kairos.advance('1h')
    const runs = (await kairos.api('GET', '/api/runs?contact=ada')).body.runs
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['completed'])
    const after = (await scrape()).text
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels)

    expect(moved('kairos_events_ingested_total', { result: 'accepted' })).toBe(1)
    expect(moved('kairos_runs_started_total', { flow: flowId })).toBe(1)
    expect(moved('kairos_runs_ended_total', { flow: flowId, status: 'completed' })).toBe(1)
    expect(moved('kairos_runs_ended_total', { flow: flowId, status: 'failed' })).toBe(0)
    expect(moved('kairos_steps_total', { node_type: 'send.sms', outcome: 'port' })).toBe(2)
    expect(moved('kairos_steps_total', { node_type: 'wait', outcome: 'port' })).toBe(1)
    expect(moved('kairos_steps_total', { node_type: 'tag', outcome: 'port' })).toBe(1)
    // The welcome SMS queued for the provider, then sent; the tip stopped by the cap.
    expect(moved('kairos_deliveries_total', { channel: 'sms', status: 'queued' })).toBe(1)
    expect(moved('kairos_deliveries_total', { channel: 'sms', status: 'sent' })).toBe(1)
    expect(moved('kairos_deliveries_total', { channel: 'sms', status: 'suppressed' })).toBe(1)
    expect(moved('kairos_suppressions_total', { channel: 'sms', rule: 'cap: sms 1 per 1d' })).toBe(1)
    expect(provider.received).toHaveLength(1)

    expect(moved('kairos_ingest_duration_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(moved('kairos_step_duration_seconds_count')).toBeGreaterThanOrEqual(2)
    // The run's jobs: the first at once, the one at the end of the hour's wait.
    expect(moved('kairos_wake_lateness_seconds_count')).toBeGreaterThanOrEqual(2)
    expect(moved('kairos_provider_call_duration_seconds_count', { kind: 'sms.http', outcome: 'ok' })).toBe(1)
    expect(after).toMatch(/^kairos_wake_lateness_seconds_bucket\{le="0\.1"\} \d+$/m)
  })

  it('count a repeated event id as a duplicate, and start no second run', async () => {
    const before = (await scrape()).text
    expect((await kairos.api('POST', '/api/events', { contact: 'ada', name: 'signed_up', id: 'signup-ada' })).status).toBe(202)
    await kairos.drain()
    const after = (await scrape()).text
    expect(valueOf(after, 'kairos_events_ingested_total', { result: 'duplicate' }) - valueOf(before, 'kairos_events_ingested_total', { result: 'duplicate' })).toBe(1)
    expect(valueOf(after, 'kairos_runs_started_total', { flow: flowId })).toBe(valueOf(before, 'kairos_runs_started_total', { flow: flowId }))
  })
})

describe('gauges', () => {
  let fresh: FastifyInstance
  beforeAll(async () => {
    fresh = await buildApp(kairos.core, { serveWeb: false, metrics: { cacheMs: 0 } })
    await fresh.ready()
  })
  afterAll(() => fresh?.close())

  it('read runs waiting, jobs and the queue lag from Postgres, and the pool and websocket clients of the process', async () => {
    await kairos.api('PUT', '/api/contacts/bea', { attributes: { phone: '+8613900000002' } })
    const cached = (await scrape()).text
    await kairos.api('POST', '/api/events', { contact: 'bea', name: 'signed_up' })
    await kairos.drain()
    // A job for a task no worker knows stays due: the queue's lag grows from its run_at.
    const due = new Date(Date.now() - 90_000)
    await sql`select graphile_worker.add_job('metrics.test.nobody', '{}'::json, run_at := ${due}, job_key := 'metrics-test')`.execute(kairos.core.database.db)
    const socket = await fresh.injectWS('/api/live', { headers: kairos.authHeaders })
    try {
      const text = (await scrape(fresh)).text
      const waiting = Number((await sql<{ n: number }>`select count(*)::int as n from runs where status = 'waiting'`.execute(kairos.core.database.db)).rows[0].n)
      expect(waiting).toBeGreaterThanOrEqual(1)
      expect(valueOf(text, 'kairos_runs_waiting')).toBe(waiting)
      expect(valueOf(text, 'kairos_jobs_queued')).toBeGreaterThanOrEqual(2)
      expect(valueOf(text, 'kairos_jobs_due')).toBeGreaterThanOrEqual(1)
      expect(valueOf(text, 'kairos_queue_lag_seconds')).toBeGreaterThanOrEqual(90)
      expect(valueOf(text, 'kairos_db_pool_connections')).toBeGreaterThanOrEqual(1)
      expect(text).toMatch(/^kairos_db_pool_in_use \d+$/m)
      expect(text).toMatch(/^kairos_db_pool_waiting \d+$/m)
      expect(valueOf(text, 'kairos_websocket_clients')).toBe(1)
      // The default app reuses what it read a moment ago (5 s): bea's waiting run is not in it yet.
      expect(valueOf((await scrape()).text, 'kairos_runs_waiting')).toBe(valueOf(cached, 'kairos_runs_waiting'))
      expect(valueOf(cached, 'kairos_runs_waiting')).toBe(waiting - 1)
    } finally {
      socket.terminate()
      await sql`select graphile_worker.remove_job('metrics-test')`.execute(kairos.core.database.db)
    }
  })
})

describe('a worker process', () => {
  it('serves its metrics without credentials on KAIROS_METRICS_PORT, on 127.0.0.1 by default', async () => {
    expect(readConfig({ KAIROS_METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' })
    expect(readConfig({}).metrics.port).toBeUndefined()
    expect(() => readConfig({ KAIROS_METRICS_PORT: 'nine' })).toThrow(/KAIROS_METRICS_PORT/)
    const server = await startMetricsServer({ db: kairos.core.database.db, pool: kairos.core.database.pool }, { port: 0, host: '127.0.0.1' })
    try {
      const answer = await fetch(server.url)
      expect(answer.status).toBe(200)
      const text = await answer.text()
      expect(valueOf(text, 'kairos_steps_total', { node_type: 'send.sms', outcome: 'port' })).toBeGreaterThanOrEqual(2)
      expect(text).toMatch(/^kairos_jobs_queued \d+$/m)
      // No websocket server in a worker-only process.
      expect(text).not.toMatch(/kairos_websocket_clients/)
      expect((await fetch(server.url.replace('/metrics', '/api/flows'))).status).toBe(404)
    } finally {
      await server.close()
    }
  })
})
