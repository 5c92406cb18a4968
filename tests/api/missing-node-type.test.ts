import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** Test-only node types, loaded as a plugin folder. */
const PROBES = join(REPO_ROOT, 'tests', 'fixtures', 'plugins')

// A flow published by a process that has a plugin, run by one that has not (the plugin removed,
// or a worker started with fewer plugins than the API): its runs fail, saying which node type and
// which plugin set, instead of their jobs failing and being retried without end.
describe('a worker without a flow version\'s node type', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos({ pluginDirs: [PROBES], worker: false })
    await publishFlow(kairos, 'Through a plugin node', {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'go' } },
        { id: 'plugin', type: 'probe.hang', config: {} },
      ],
      edges: [{ source: 'entry', target: 'plugin' }],
    })
  })
  afterAll(() => kairos?.stop())

  it('fails the run with the node type and this process\'s plugin set, and leaves no job to retry', async () => {
    await kairos.api('PUT', '/api/contacts/ana', { attributes: {} })
    expect((await kairos.api('POST', '/api/events', { contact: 'ana', name: 'go' })).status).toBe(202)
    // Kairos again, without the plugin folder, and now with a worker.
    await kairos.restart({ pluginDirs: [], worker: true })
    const { pluginSet, plugins } = (await kairos.api('GET', '/api/plugins')).body
    expect(plugins.some((p: any) => p.nodeTypes.includes('probe.hang@1'))).toBe(false)
    await kairos.drain()

    const { body } = await kairos.api('GET', '/api/runs?contact=ana')
    const run = (await kairos.api('GET', `/api/runs/${body.runs[0].id}`)).body
    const reason = `node type probe.hang@1 is not loaded in this process; plugin set ${pluginSet}`
    expect(run).toMatchObject({ status: 'failed', error: reason, nodeId: 'entry' })
    expect(run.steps).toEqual([expect.objectContaining({ node: 'entry', outcome: 'error', error: reason })])
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'kairos.advance'`.execute(kairos.core.database.db)
    expect(rows[0].n).toBe(0)

    // With the plugin back, the failed run can be retried and goes on.
    await kairos.restart({ pluginDirs: [PROBES] })
    expect((await kairos.api('POST', '/api/runs/retry', { ids: [run.id] })).body).toEqual({ retried: 1 })
    await kairos.drain()
    expect((await kairos.api('GET', `/api/runs/${run.id}`)).body).toMatchObject({ status: 'completed', error: null })
  })

  it('still ingests events for a contact waiting in such a version, and the run fails with the reason', async () => {
    await kairos.restart({ pluginDirs: [PROBES], worker: true })
    await publishFlow(kairos, 'Waits, then a plugin node', {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'start' } },
        { id: 'ping', type: 'wait.event', config: { event: 'ping', timeout: '1d' } },
        { id: 'plugin', type: 'probe.hang', config: {} },
      ],
      edges: [{ source: 'entry', target: 'ping' }, { source: 'ping', sourcePort: 'received', target: 'plugin' }],
    })
    await publishFlow(kairos, 'Tags on ping', {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'ping' } },
        { id: 'tag', type: 'tag', config: { add: ['pinged'] } },
      ],
      edges: [{ source: 'entry', target: 'tag' }],
    })
    await kairos.api('PUT', '/api/contacts/bea', { attributes: {} })
    expect((await kairos.api('POST', '/api/events', { contact: 'bea', name: 'start' })).status).toBe(202)
    await kairos.drain()
    const waiting = (await kairos.api('GET', '/api/runs?contact=bea')).body.runs
    expect(waiting).toEqual([expect.objectContaining({ status: 'waiting', nodeId: 'ping' })])

    await kairos.restart({ pluginDirs: [], worker: true })
    const { pluginSet } = (await kairos.api('GET', '/api/plugins')).body
    // The event is stored and applied everywhere else: the other flow enters bea; the stranded run is failed, not the request.
    expect((await kairos.api('POST', '/api/events', { contact: 'bea', name: 'ping' })).status).toBe(202)
    expect((await kairos.api('POST', '/api/events', { contact: 'cy', name: 'start' })).status).toBe(202)
    await kairos.drain()
    const run = (await kairos.api('GET', `/api/runs/${waiting[0].id}`)).body
    expect(run).toMatchObject({ status: 'failed', error: `node type probe.hang@1 is not loaded in this process; plugin set ${pluginSet}` })
    expect((await kairos.api('GET', '/api/contacts/bea')).body.tags).toContain('pinged')
    // Nobody entered the flow this process cannot run.
    expect((await kairos.api('GET', '/api/runs?contact=cy')).body.runs).toEqual([])
  })

  it('still writes a contact whose changed attribute a flow it cannot load watches', async () => {
    await kairos.restart({ pluginDirs: [PROBES], worker: true })
    await publishFlow(kairos, 'On plan change, a plugin node', {
      nodes: [
        { id: 'entry', type: 'trigger.change', config: { attribute: 'plan' } },
        { id: 'plugin', type: 'probe.hang', config: {} },
      ],
      edges: [{ source: 'entry', target: 'plugin' }],
    })
    await kairos.restart({ pluginDirs: [], worker: true })
    const written = await kairos.api('PUT', '/api/contacts/dee', { attributes: { plan: 'gold' } })
    expect(written.status).toBe(200)
    expect((await kairos.api('GET', '/api/contacts/dee')).body.attributes.plan).toBe('gold')
    expect((await kairos.api('GET', '/api/runs?contact=dee')).body.runs).toEqual([])
  })
})
