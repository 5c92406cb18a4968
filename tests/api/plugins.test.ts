import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig, REPO_ROOT } from '@kairos/server'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** Writes a node package into `dir/name`: a package.json declaring kairos.nodes, and its module. */
async function writePlugin(dir: string, name: string, source: string, manifest: object = { kairos: { nodes: ['./index.js'] } }) {
  await mkdir(join(dir, name), { recursive: true })
  await writeFile(join(dir, name, 'package.json'), JSON.stringify({ name, type: 'module', ...manifest }))
  await writeFile(join(dir, name, 'index.js'), source)
}

// A plain-JS plugin with no dependencies: a node definition is data plus a
// function, so a package needs nothing from Kairos at runtime to be loaded.
const scoreNode = `
export default {
  type: 'score.add', version: 1, title: 'Add to lead score', category: 'action',
  config: { type: 'object', properties: { points: { type: 'integer', minimum: 1 } }, required: ['points'], additionalProperties: false },
  ports: ['next'],
  async run({ config, contact, services }) {
    await services.contacts.update({ increment: { score: config.points } })
    return { kind: 'port', port: 'next', output: { score: Number(contact.attributes.score ?? 0) } }
  },
}
`

describe('node plugins loaded at runtime', () => {
  let dir: string
  let kairos: TestKairos

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kairos-plugins-'))
    await writePlugin(dir, 'kairos-node-score', scoreNode)
    await writePlugin(dir, 'kairos-node-broken', `throw new Error('boom at import')`)
    await writePlugin(dir, 'kairos-node-not-a-node', `export default { type: 'half' }`)
    await writePlugin(dir, 'kairos-node-no-manifest', `export default {}`, { kairos: {} })
    await writePlugin(dir, 'some-library', `export default 1`, {})
    await writePlugin(dir, 'kairos-node-bad-schema', `export default {
      type: 'bad.schema', version: 1, title: 'Bad schema', category: 'action', ports: ['next'], run: () => ({ kind: 'port', port: 'next' }),
      config: { type: 'object', properties: { a: { type: 'strin' } } },
    }`)
    await mkdir(join(dir, 'kairos-node-bad-json'))
    await writeFile(join(dir, 'kairos-node-bad-json', 'package.json'), '{ "name": "kairos-node-bad-json", ')
    // The folder reaches the server the way an operator gives it: KAIROS_PLUGINS_DIR.
    const { pluginDirs } = readConfig({ KAIROS_PLUGINS_DIR: dir })
    expect(pluginDirs).toEqual([join(REPO_ROOT, 'nodes'), join(REPO_ROOT, 'channels'), dir])
    kairos = await startTestKairos({ pluginDirs: pluginDirs.slice(2) })
  })
  afterAll(async () => {
    await kairos?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('lists a plugin package from KAIROS_PLUGINS_DIR in the palette with its schema and ports', async () => {
    const { body } = await kairos.api('GET', '/api/node-types')
    const score = body.nodeTypes.find((n: any) => n.type === 'score.add')
    expect(score).toMatchObject({ version: 1, category: 'action', ports: ['next'] })
    expect(score.configSchema.required).toEqual(['points'])
    expect(body.nodeTypes.map((n: any) => n.type)).toEqual(expect.arrayContaining(['trigger.event', 'wait', 'wait.event', 'branch', 'tag', 'send.sms', 'exit']))
  })

  it('runs the plugin node in a published flow, validating its config at publish', async () => {
    const bad = await kairos.api('POST', '/api/flows', { name: 'Bad score', graph: {
      nodes: [{ id: 't', type: 'trigger.event', config: { event: 'pricing_viewed' } }, { id: 's', type: 'score.add', config: { points: 0 } }],
      edges: [{ source: 't', target: 's' }],
    } })
    const refused = await kairos.api('POST', `/api/flows/${bad.body.id}/publish`)
    expect(refused.body.error.details).toEqual([{ node: 's', field: 'config.points', message: 'must be >= 1' }])

    await publishFlow(kairos, 'Score', {
      nodes: [{ id: 't', type: 'trigger.event', config: { event: 'pricing_viewed' } }, { id: 's', type: 'score.add', config: { points: 10 } }],
      edges: [{ source: 't', target: 's' }],
      settings: { reentry: 'always' },
    })
    await kairos.api('PUT', '/api/contacts/lead-1', { attributes: { score: 5 } })
    await kairos.api('POST', '/api/events', { events: [{ contact: 'lead-1', name: 'pricing_viewed' }, { contact: 'lead-1', name: 'pricing_viewed' }] })
    await kairos.drain()
    expect((await kairos.api('GET', '/api/contacts/lead-1')).body.attributes.score).toBe(25)
  })

  it('reports and skips packages that throw on import or break the contract, and keeps serving', async () => {
    const { body } = await kairos.api('GET', '/api/plugins')
    const byName = Object.fromEntries(body.plugins.map((p: any) => [p.package, p]))
    expect(byName['kairos-node-score']).toMatchObject({ status: 'loaded', nodeTypes: ['score.add@1'] })
    expect(byName['kairos-node-broken']).toMatchObject({ status: 'failed', error: expect.stringContaining('boom at import') })
    expect(byName['kairos-node-not-a-node']).toMatchObject({ status: 'failed', error: expect.stringContaining('version must be a positive integer') })
    expect(byName['kairos-node-no-manifest']).toMatchObject({ status: 'failed', error: expect.stringContaining('kairos.nodes') })
    expect(byName['some-library']).toMatchObject({ status: 'skipped', reason: 'package.json has no "kairos" key' })
    expect(byName['kairos-node-bad-schema']).toMatchObject({ status: 'failed', error: expect.stringContaining('invalid config schema') })
    expect(Object.values(byName).find((p: any) => p.path.endsWith('kairos-node-bad-json'))).toMatchObject({
      status: 'failed', error: expect.stringContaining('is not valid JSON'),
    })
    expect((await kairos.api('GET', '/health')).body).toEqual({ status: 'ok' })
  })
})

describe('ports computed from a config', () => {
  it('answers the ports of each node the editor draws, null where the config is not ready', async () => {
    const kairos = await startTestKairos({ worker: false })
    try {
      const { body } = await kairos.api('POST', '/api/node-types/ports', { nodes: [
        { type: 'branch', config: { branches: [{ port: 'vip', when: { tag: 'vip' } }], otherwise: 'rest' } },
        { type: 'split', config: { arms: [{ port: 'a', weight: 1 }, { port: 'b', weight: 1 }], holdout: { weight: 1 } } },
        { type: 'wait.until', config: { at: '09:00', date: { attribute: 'birthday' }, late: 'late' } },
        { type: 'branch', config: {} },
        { type: 'tag', config: {} },
        { type: 'no.such', config: {} },
      ] })
      expect(body.ports).toEqual([['vip', 'rest'], ['a', 'b', 'holdout'], ['next', 'late'], null, ['next'], null])
    } finally {
      await kairos.stop()
    }
  })
})
