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
})
