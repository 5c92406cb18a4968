import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '@kairos/server'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// A supervisor restarts what /health says is unhealthy: a Kairos that has lost Postgres for
// longer than the grace answers 503 there, and 200 again once Postgres is back.
describe('/health and the database', () => {
  let kairos: TestKairos
  let app: FastifyInstance
  let admin: pg.Client
  const graceMs = 1500
  const probeMs = 100
  let database: string

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
    database = new URL(kairos.url).pathname.slice(1)
    app = await buildApp(kairos.core, { serveWeb: false, healthDbGraceMs: graceMs, healthDbProbeMs: probeMs })
    admin = new pg.Client({ connectionString: inject('adminUrl') })
    await admin.connect()
  })
  afterAll(async () => {
    await admin?.query(`alter database ${database} with allow_connections true`)
    await admin?.end()
    await app?.close()
    await kairos?.stop()
  })

  const health = async () => {
    const response = await app.inject({ method: 'GET', url: '/health' })
    return { status: response.statusCode, body: response.json() }
  }
  const until = async (status: number, withinMs: number) => {
    for (const started = performance.now(); performance.now() - started < withinMs; await new Promise((r) => setTimeout(r, 50))) {
      const answer = await health()
      if (answer.status === status) return answer
    }
    throw new Error(`/health did not answer ${status} within ${withinMs} ms: ${JSON.stringify(await health())}`)
  }

  it('answers 200 through a short outage, 503 once it outlasts the grace, and 200 when Postgres is back', async () => {
    expect(await until(200, 5000)).toEqual({ status: 200, body: { status: 'ok' } })
    // The database refuses new connections and loses the ones it had, as when its server goes away.
    await admin.query(`alter database ${database} with allow_connections false`)
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database])
    const cut = performance.now()
    expect((await health()).status).toBe(200)
    const down = await until(503, 10_000)
    // The grace runs from the last probe that succeeded, at most one probe before the cut.
    expect(performance.now() - cut).toBeGreaterThanOrEqual(graceMs - probeMs)
    expect(down.body.error).toMatchObject({ code: 'KAIROS_NOT_READY', message: expect.stringMatching(/^database unreachable for \d+ s: .*/) })
    await admin.query(`alter database ${database} with allow_connections true`)
    expect(await until(200, 10_000)).toEqual({ status: 200, body: { status: 'ok' } })
  })
})
