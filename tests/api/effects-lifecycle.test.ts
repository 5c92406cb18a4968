import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { pruneHistory, REPO_ROOT } from '@kairos/server'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** Test-only node types (probe.http, probe.lookup), loaded as a plugin folder. */
const PROBES = join(REPO_ROOT, 'tests', 'fixtures', 'plugins')

// Named effects declared on a node, and what happens to an effect whose run is cancelled or
// whose flow is paused while it is being made, and when its run's history is pruned.
describe('effects over their life', () => {
  const api = fakeHttpProvider((status) => (status < 300 ? { score: 88 } : { error: 'nope' }))
  let kairos: TestKairos
  let base: string
  let flows: Record<string, string>

  const runOf = async (contact: string) => {
    const { body } = await kairos.api('GET', `/api/runs?contact=${contact}`)
    return (await kairos.api('GET', `/api/runs/${body.runs[0].id}`)).body
  }
  const effectOf = async (runId: string) =>
    (await sql<{ status: string; attempts: number; error: string | null }>`select status, attempts, error from effects where run_id = ${runId}`.execute(kairos.core.database.db)).rows[0]
  const enter = async (contact: string, event: string) => {
    await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: {} })
    await kairos.api('POST', '/api/events', { contact, name: event })
    await kairos.drain()
  }

  beforeAll(async () => {
    base = await api.listen()
    kairos = await startTestKairos({ pluginDirs: [PROBES] })
    const oneNode = (event: string, type: string) => ({
      nodes: [{ id: 'entry', type: 'trigger.event', config: { event } }, { id: 'ask', type, config: { url: `${base}/${event}` } }],
      edges: [{ source: 'entry', target: 'ask' }],
      settings: { reentry: 'always' },
    })
    flows = {
      lookup: await publishFlow(kairos, 'Look up', oneNode('look_up', 'probe.lookup')),
      notify: await publishFlow(kairos, 'Notify', oneNode('notify', 'probe.http')),
    }
  })
  afterEach(() => void (api.received.length = 0))
  afterAll(async () => {
    await kairos?.stop()
    await api.close()
  })

  it('runs a named effect after the step, retried like an HTTP one, and resumes with what it returned', async () => {
    api.script([500, 200])
    await enter('ivy', 'look_up')
    await kairos.advance('2s')
    expect(api.received.map((r) => r.headers['idempotency-key'])).toEqual([expect.stringMatching(/:effect:lookup$/), expect.stringMatching(/:effect:lookup$/)])
    expect(api.received[0].headers['idempotency-key']).toBe(api.received[1].headers['idempotency-key'])
    const run = await runOf('ivy')
    expect(run.status).toBe('completed')
    expect(run.steps.at(-1)).toMatchObject({ node: 'ask', port: 'next', result: { name: 'lookup', status: 'done', attempts: 2, result: { score: 88, attempt: 2 } } })
  })

  it('fails a named effect for good when it throws an EffectFailure that says so', async () => {
    api.script([404])
    await enter('jon', 'look_up')
    await kairos.advance('1h')
    expect(api.received).toHaveLength(1)
    const run = await runOf('jon')
    expect(run.steps.at(-1)).toMatchObject({ port: 'failed', result: { status: 'failed', error: 'no such contact', result: { status: 404, body: { error: 'nope' } } } })
  })

  it('makes no further attempt once its run is cancelled, and the run stays cancelled', async () => {
    api.script([503])
    await enter('kim', 'notify')
    const waiting = await runOf('kim')
    expect(await effectOf(waiting.id)).toMatchObject({ status: 'pending', attempts: 1 })
    expect((await kairos.api('POST', '/api/runs/cancel', { ids: [waiting.id] })).body).toEqual({ cancelled: 1 })
    await kairos.advance('1m')
    expect(api.received).toHaveLength(1)
    expect(await effectOf(waiting.id)).toMatchObject({ status: 'cancelled', attempts: 1, error: 'not run: its run no longer waits for it' })
    expect((await runOf('kim')).status).toBe('cancelled')
  })

  it('settles while the flow is paused, and the run goes on only when it resumes', async () => {
    api.script([503])
    await enter('lou', 'notify')
    await kairos.api('POST', `/api/flows/${flows.notify}/pause`)
    await kairos.advance('2s')
    expect(api.received).toHaveLength(2)
    const held = await runOf('lou')
    expect(await effectOf(held.id)).toMatchObject({ status: 'done', attempts: 2 })
    expect(held).toMatchObject({ status: 'waiting', nodeId: 'ask' })
    await kairos.api('POST', `/api/flows/${flows.notify}/resume`)
    await kairos.drain()
    expect((await runOf('lou')).steps.at(-1)).toMatchObject({ node: 'ask', port: 'next', result: { status: 'done' } })
  })

  it('is deleted with its finished run\'s steps by retention', async () => {
    const db = kairos.core.database.db
    const before = (await sql<{ n: number }>`select count(*)::int as n from effects where status <> 'pending'`.execute(db)).rows[0].n
    expect(before).toBeGreaterThan(0)
    const settings = { stepsDays: 30, deliveriesDays: null, eventsDays: null, auditDays: null }
    await pruneHistory(db, { settings, now: new Date(Date.now() + 60 * 86_400_000) })
    expect((await sql<{ n: number }>`select count(*)::int as n from effects`.execute(db)).rows[0].n).toBe(0)
  })
})
