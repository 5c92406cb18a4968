import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeRegistry } from '@kairos/engine'
import { connectDb, createCore, loadNodePlugins, REPO_ROOT } from '@kairos/server'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** A node that holds its batch's transaction for 400 ms (real time), to open a race window on purpose. */
const slowNode = `export default {
  type: 'test.slow', version: 1, title: 'Slow step', category: 'action',
  config: { type: 'object', properties: {} }, ports: ['next'],
  async run() { await new Promise((r) => setTimeout(r, 400)); return { kind: 'port', port: 'next' } },
}`

// How events meet journeys when they race, come in one batch, or concern older flow versions.
describe('events against journeys: order, races and versions', () => {
  let dir: string
  let kairos: TestKairos

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kairos-slow-'))
    await mkdir(join(dir, 'slow'))
    await writeFile(join(dir, 'slow', 'package.json'), JSON.stringify({ name: 'slow', type: 'module', kairos: { nodes: ['./index.js'] } }))
    await writeFile(join(dir, 'slow', 'index.js'), slowNode)
    kairos = await startTestKairos({ pluginDirs: [dir] })
  })
  afterAll(async () => {
    await kairos?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const runsOf = async (flowId: string, contact: string) => (await kairos.api('GET', `/api/runs?flow=${flowId}&contact=${contact}`)).body.runs

  it('applies a batch in the order received: a run started by one event is ended by a later exit event', async () => {
    const flowId = await publishFlow(kairos, 'Nurture', {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'signed_up' } }, { id: 'later', type: 'wait', config: { for: '7d' } }],
      edges: [{ source: 'in', target: 'later' }],
      settings: { exitOn: ['unsubscribed'] },
    })
    const posted = await kairos.api('POST', '/api/events', { events: [
      { contact: 'ola', name: 'signed_up' }, { contact: 'ola', name: 'unsubscribed' },
      { contact: 'pim', name: 'unsubscribed' }, { contact: 'pim', name: 'signed_up' },
    ] })
    expect(posted.body).toMatchObject({ runsStarted: 2, runsExited: 1 })
    await kairos.drain()
    const [ola] = await runsOf(flowId, 'ola')
    expect(ola).toMatchObject({ status: 'exited', exitReason: 'exitOn: unsubscribed' })
    expect((await kairos.api('GET', `/api/runs/${ola.id}`)).body.steps).toMatchObject([{ node: 'in', outcome: 'exit' }])
    expect((await runsOf(flowId, 'pim'))[0].status).toBe('waiting')
  })

  it('ends a run by the exitOn of the version it runs on, not of the newest version', async () => {
    const graph = (exitOn: string[]) => ({
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'trial_started' } }, { id: 'later', type: 'wait', config: { for: '7d' } }],
      edges: [{ source: 'in', target: 'later' }],
      settings: { exitOn, reentry: 'always' as const },
    })
    const flowId = await publishFlow(kairos, 'Versions', graph(['unsubscribed']))
    await kairos.api('POST', '/api/events', { contact: 'quinn', name: 'trial_started' })
    await kairos.drain()
    await kairos.api('PUT', `/api/flows/${flowId}`, { graph: graph(['halted']) })
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`)).body.version).toBe(2)

    expect((await kairos.api('POST', '/api/events', { contact: 'quinn', name: 'halted' })).body.runsExited).toBe(0)
    expect((await kairos.api('POST', '/api/events', { contact: 'quinn', name: 'unsubscribed' })).body.runsExited).toBe(1)
    const [run] = await runsOf(flowId, 'quinn')
    expect(run).toMatchObject({ flowVersion: 1, status: 'exited', exitReason: 'exitOn: unsubscribed' })
  })

  it('does not lose an event that arrives while the run is moving into the wait for it', async () => {
    const flowId = await publishFlow(kairos, 'Race', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'checkout_started' } },
        { id: 'slow', type: 'test.slow', config: {} },
        { id: 'paid', type: 'wait.event', config: { event: 'payment_received', timeout: '1h' } },
      ],
      edges: [{ source: 'in', target: 'slow' }, { source: 'slow', target: 'paid' }],
    })
    await kairos.api('POST', '/api/events', { contact: 'rae', name: 'checkout_started' })
    await sql`select pg_notify('jobs:insert', '{"count":1}')`.execute(kairos.core.database.db)
    // Wait until the run's batch holds rae's contact lock (it is then inside the slow node), then send the event.
    // A job merely being locked is not enough: its transaction may not have reached the contact yet.
    let locked = false
    for (let waited = 0; !locked && waited < 15_000; waited += 10) {
      try {
        await sql`select id from contacts where external_id = 'rae' for no key update nowait`.execute(kairos.core.database.db)
      } catch (error) {
        if ((error as { code?: string }).code !== '55P03') throw error
        locked = true
      }
      if (!locked) await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(locked).toBe(true)
    const posted = await kairos.api('POST', '/api/events', { contact: 'rae', name: 'payment_received' })
    expect(posted.body.runsResumed).toBe(1)
    await kairos.drain()
    const [run] = await runsOf(flowId, 'rae')
    const { steps } = (await kairos.api('GET', `/api/runs/${run.id}`)).body
    expect(steps.map((s: any) => `${s.node}:${s.port}`)).toEqual(['in:next', 'slow:next', 'paid:received'])
  })

  it('keeps working when more transactions than pool connections need a flow not yet cached', async () => {
    const flowId = await publishFlow(kairos, 'Cold cache', {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'cold' } }, { id: 't', type: 'tag', config: { add: ['warm'] } }],
      edges: [{ source: 'in', target: 't' }],
      settings: { reentry: 'always' },
    })
    // A second "process" with a two-connection pool and an empty flow cache, as after a restart.
    const handle = connectDb(kairos.url, { max: 2 })
    try {
      const registry = new NodeRegistry()
      await loadNodePlugins([join(REPO_ROOT, 'nodes')], registry, { info() {}, error() {} })
      const core = createCore({ database: handle, registry })
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => core.ingest([{ contact: `cold-${i}`, name: 'cold' }])))
      expect(results.reduce((sum, r) => sum + r.runsStarted, 0)).toBe(6)
    } finally {
      await handle.close()
    }
    expect((await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs).toHaveLength(6)
  })
})
