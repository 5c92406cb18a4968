import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { connectDb, readConfig, startKairos, type DbHandle, type KairosRuntime } from '@kairos/server'
import { createTestDatabase } from '../support/database.ts'

const ADMIN = { email: 'ops@kairos.test', password: 'stop me gently please' }

/** A node that tells the test it started, then takes 1.5 s: a job in flight when the shutdown begins. */
const slowNode = `export default {
  type: 'test.slow', version: 1, title: 'Slow step', category: 'action',
  config: { type: 'object', properties: {} }, ports: ['next'],
  async run() {
    globalThis.kairosSlowStepStarted?.()
    await new Promise((r) => setTimeout(r, 1500))
    return { kind: 'port', port: 'next' }
  },
}`

declare global {
  var kairosSlowStepStarted: (() => void) | undefined
}

// SIGTERM (main.ts calls runtime.stop()): Kairos stops taking connections, lets the request and
// the job in flight finish, and tells live clients it is restarting (1012) so the editor reconnects.
describe('graceful shutdown', () => {
  let database: { url: string; drop(): Promise<void> }
  let pluginsDir: string
  let runtime: KairosRuntime | undefined
  let handle: DbHandle

  beforeAll(async () => {
    pluginsDir = await mkdtemp(join(tmpdir(), 'kairos-shutdown-'))
    await mkdir(join(pluginsDir, 'slow'))
    await writeFile(join(pluginsDir, 'slow', 'package.json'), JSON.stringify({ name: 'slow', type: 'module', kairos: { nodes: ['./index.js'] } }))
    await writeFile(join(pluginsDir, 'slow', 'index.js'), slowNode)
    database = await createTestDatabase()
    handle = connectDb(database.url, { max: 2 })
  })
  afterAll(async () => {
    await runtime?.stop().catch(() => {})
    await handle?.close()
    await database?.drop()
    await rm(pluginsDir, { recursive: true, force: true })
    globalThis.kairosSlowStepStarted = undefined
  })

  it('finishes the request and the job in flight, closes live sockets with 1012, and refuses new connections', { timeout: 60_000 }, async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let slowRequestEntered!: () => void
    const entered = new Promise<void>((resolve) => (slowRequestEntered = resolve))
    const config = readConfig({
      DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', KAIROS_DEMO: 'off', KAIROS_LOG_LEVEL: 'silent',
      KAIROS_PLUGINS_DIR: pluginsDir, KAIROS_WORKER_POLL_MS: '100', KAIROS_SHUTDOWN_TIMEOUT_MS: '10000',
      KAIROS_ADMIN_EMAIL: ADMIN.email, KAIROS_ADMIN_PASSWORD: ADMIN.password,
    })
    runtime = await startKairos(config, {
      log: { info() {}, error: (m) => console.error(m) },
      // A request that stays in flight until the test lets it go.
      configureApp: (app) => {
        app.get('/test/slow', { config: { permission: 'public' } }, async () => {
          slowRequestEntered()
          await gate
          return { finished: true }
        })
      },
    })
    const url = runtime.url!
    const { core } = runtime
    const flow = await core.flows.create({
      name: 'Slow then tag',
      graph: {
        nodes: [
          { id: 'entry', type: 'trigger.event', config: { event: 'signed_up' } },
          { id: 'slow', type: 'test.slow', config: {} },
          { id: 'done', type: 'tag', config: { add: ['finished'] } },
        ],
        edges: [{ source: 'entry', target: 'slow' }, { source: 'slow', target: 'done' }],
      },
    })
    await core.flows.publish(flow.id)
    await core.contacts.upsert('c1', { attributes: {} })

    // A live client, logged in, following the flow.
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('kairos_session='))!.split(';')[0]
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/live`, { headers: { cookie } })
    const firstStats = new Promise((resolve) => socket.once('message', resolve))
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)))
    socket.send(JSON.stringify({ type: 'subscribe', flowId: flow.id }))
    await firstStats
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })))

    // A job in flight, and a request in flight.
    const jobStarted = new Promise<void>((resolve) => (globalThis.kairosSlowStepStarted = resolve))
    await core.ingest([{ contact: 'c1', name: 'signed_up' }])
    await jobStarted
    const slowAnswer = fetch(`${url}/test/slow`).then(async (r) => ({ status: r.status, body: await r.json() }))
    await entered

    const stopStarted = performance.now()
    const stopped = runtime.stop()
    expect(await closed).toEqual({ code: 1012, reason: 'Kairos is restarting; reconnect in a moment' })
    // The listener is closed: a new connection is refused while the old request still runs.
    await expect(fetch(`${url}/health`)).rejects.toThrow()
    release()
    expect(await slowAnswer).toEqual({ status: 200, body: { finished: true } })
    await stopped
    runtime = undefined
    const stopMs = performance.now() - stopStarted
    console.log(`[graceful-shutdown] stopped in ${Math.round(stopMs)} ms`)
    expect(stopMs).toBeLessThan(10_000)

    // The job ran to its end during the shutdown: the run completed, nothing left locked.
    const run = await handle.db.selectFrom('runs').select(['status']).where('flow_id', '=', flow.id).executeTakeFirstOrThrow()
    expect(run.status).toBe('completed')
    const contact = await handle.db.selectFrom('contacts').select(['tags']).where('external_id', '=', 'c1').executeTakeFirstOrThrow()
    expect(contact.tags).toContain('finished')
    const locked = await handle.pool.query(`select count(*)::int as n from graphile_worker.jobs where locked_by is not null`)
    expect(locked.rows[0].n).toBe(0)
  })

  it('reads KAIROS_SHUTDOWN_TIMEOUT_MS and KAIROS_DB_RECONNECT_MS, with defaults and errors naming the variable', () => {
    expect(readConfig({})).toMatchObject({ shutdownTimeoutMs: 10_000, dbReconnectMs: 60_000 })
    expect(readConfig({ KAIROS_SHUTDOWN_TIMEOUT_MS: '2500', KAIROS_DB_RECONNECT_MS: '3000' })).toMatchObject({ shutdownTimeoutMs: 2500, dbReconnectMs: 3000 })
    expect(() => readConfig({ KAIROS_SHUTDOWN_TIMEOUT_MS: '10s' })).toThrow(/KAIROS_SHUTDOWN_TIMEOUT_MS must be a whole number/)
    expect(() => readConfig({ KAIROS_DB_RECONNECT_MS: '-1' })).toThrow(/KAIROS_DB_RECONNECT_MS must be a whole number/)
  })
})
