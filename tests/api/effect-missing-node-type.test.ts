import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** Test-only node types (probe.lookup, a named effect), loaded as a plugin folder. */
const PROBES = join(REPO_ROOT, 'tests', 'fixtures', 'plugins')

// A named effect's attempt landing on a worker without its node type (an old worker during a rolling
// deploy): the job is tried again, perhaps on a worker that has it, and only its last try fails the
// effect, with the reason and that worker's plugin set.
describe('an effect on a worker that lacks its node type', () => {
  const api = fakeHttpProvider((status) => (status < 300 ? { score: 7 } : { error: 'try later' }))
  let kairos: TestKairos

  const effectOf = async (contact: string) =>
    (await sql<{ id: string; status: string; attempts: number; error: string | null }>`
      select e.id, e.status, e.attempts, e.error from effects e join runs r on r.id = e.run_id join contacts c on c.id = r.contact_id
      where c.external_id = ${contact}`.execute(kairos.core.database.db)).rows[0]
  const effectJobs = async () =>
    (await sql<{ attempts: number; last_error: string | null }>`
      select attempts, last_error from graphile_worker.jobs where task_identifier = 'kairos.effect'`.execute(kairos.core.database.db)).rows
  const signup = async (contact: string) => {
    api.script([503])
    await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: {} })
    await kairos.api('POST', '/api/events', { contact, name: 'go' })
    await kairos.drain()
    // The first attempt ran, on a worker with the plugin, and is to be retried.
    expect(await effectOf(contact)).toMatchObject({ status: 'pending', attempts: 1, error: 'lookup answered HTTP 503' })
  }

  beforeAll(async () => {
    const url = `${await api.listen()}/score`
    kairos = await startTestKairos({ pluginDirs: [PROBES] })
    await publishFlow(kairos, 'Look up the score', {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'go' } },
        { id: 'look', type: 'probe.lookup', config: { url } },
        { id: 'scored', type: 'tag', config: { add: ['scored'] } },
      ],
      edges: [{ source: 'entry', target: 'look' }, { source: 'look', sourcePort: 'next', target: 'scored' }],
    })
  })
  afterAll(async () => {
    await kairos?.stop()
    await api.close()
  })

  it('is retried by the job, not failed, and settles on a worker that has it', async () => {
    await signup('ann')
    await kairos.restart({ pluginDirs: [] })
    const { pluginSet } = (await kairos.api('GET', '/api/plugins')).body
    await kairos.advance('2s')
    expect(await effectOf('ann')).toMatchObject({ status: 'pending', attempts: 1 })
    expect(await effectJobs()).toEqual([{ attempts: 1, last_error: expect.stringContaining(`node type probe.lookup@1 is not loaded in this process; plugin set ${pluginSet}`) }])
    expect(api.received).toHaveLength(1)

    await kairos.restart({ pluginDirs: [PROBES] })
    await kairos.advance('10s')
    expect(api.received).toHaveLength(2)
    expect(await effectOf('ann')).toMatchObject({ status: 'done', attempts: 2, error: null })
    expect((await kairos.api('GET', '/api/contacts/ann')).body.tags).toEqual(['scored'])
    expect(await effectJobs()).toEqual([])
  })

  it('fails on the job\'s last try, naming the node type and the plugin set', async () => {
    await signup('bob')
    const asked = api.received.length
    await kairos.restart({ pluginDirs: [] })
    const { pluginSet } = (await kairos.api('GET', '/api/plugins')).body
    // graphile-worker's own backoff between tries: e^1, e^2, e^3, e^4 s.
    for (let tries = 0; tries < 5; tries++) await kairos.advance('2m')
    expect(await effectOf('bob')).toMatchObject({ status: 'failed', attempts: 2, error: `node type probe.lookup@1 is not loaded in this process; plugin set ${pluginSet}` })
    expect(await effectJobs()).toEqual([])
    expect(api.received).toHaveLength(asked)
  })
})
