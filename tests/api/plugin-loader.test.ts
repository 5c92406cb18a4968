import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeRegistry } from '@kairos/engine'
import { loadNodePlugins, readConfig } from '@kairos/server'
import { pluginSetHash } from '../../packages/server/src/plugins/loader.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** A plain-JS node definition of `type`@`version` as module source. */
const node = (type: string, version = 1) => `{
  type: '${type}', version: ${version}, title: '${type}', category: 'action',
  config: { type: 'object', properties: {}, additionalProperties: false },
  ports: ['next'], run: () => ({ kind: 'port', port: 'next' }),
}`

/** Writes a package folder at `path` whose modules (file name → source) are listed in kairos.nodes. */
async function writePackage(path: string, name: string, modules: Record<string, string>, manifest: object = { kairos: { nodes: Object.keys(modules).map((m) => `./${m}`) } }) {
  await mkdir(path, { recursive: true })
  await writeFile(join(path, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', ...manifest }))
  for (const [file, source] of Object.entries(modules)) await writeFile(join(path, file), source)
}

const messages: string[] = []
const log = { info: (m: string) => messages.push(`info ${m}`), error: (m: string) => messages.push(`error ${m}`) }

describe('the plugin loader reports every path it looked at', () => {
  let root: string

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kairos-loader-'))
    // A folder of packages with one of each kind.
    const folder = join(root, 'folder')
    await writePackage(join(folder, 'kairos-node-one'), 'kairos-node-one', { 'index.js': `export default ${node('one.add')}` })
    await writePackage(join(folder, 'plain-library'), 'plain-library', { 'index.js': 'export default 1' }, {})
    await mkdir(join(folder, 'no-manifest'))
    await writeFile(join(folder, 'README.md'), 'not a package')
    // A package whose second definition (in its second module) clashes with kairos-node-one's.
    await writePackage(join(root, 'clash', 'kairos-node-clash'), 'kairos-node-clash', {
      'a.js': `export default ${node('two.add')}`,
      'b.js': `export default ${node('one.add')}`,
    })
    // A package repeating its own type@version.
    await writePackage(join(root, 'twice', 'kairos-node-twice'), 'kairos-node-twice', { 'index.js': `export default [${node('three.add')}, ${node('three.add')}]` })
    // A folder that is a node package itself.
    await writePackage(join(root, 'itself'), 'kairos-node-itself', { 'index.js': `export default ${node('itself.add')}` })
    await mkdir(join(root, 'empty'))
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('reports a missing configured folder as missing and logs it as an error', async () => {
    messages.length = 0
    const missing = join(root, 'nope')
    const reports = await loadNodePlugins([missing], new NodeRegistry(), log)
    expect(reports).toEqual([expect.objectContaining({ path: missing, status: 'missing', reason: 'configured plugin folder does not exist', nodeTypes: [] })])
    expect(messages).toContain(`error plugins: ${missing}: configured plugin folder does not exist`)
  })

  it('reports a package.json it cannot read or parse as failed, with why, instead of passing over it', async () => {
    messages.length = 0
    // A package.json that is a folder: reading it fails with EISDIR, not "no package.json".
    const unreadable = join(root, 'unreadable', 'kairos-node-odd')
    await mkdir(join(unreadable, 'package.json'), { recursive: true })
    // A configured folder whose own package.json is not JSON: loaded as a package, so the parse error is reported.
    const broken = join(root, 'broken')
    await mkdir(broken, { recursive: true })
    await writeFile(join(broken, 'package.json'), '{ "name": ')
    const reports = await loadNodePlugins([join(root, 'unreadable'), broken], new NodeRegistry(), log)
    expect(reports).toContainEqual(expect.objectContaining({ path: unreadable, status: 'failed', reason: expect.stringContaining('cannot be read') }))
    expect(reports).toContainEqual(expect.objectContaining({ path: broken, status: 'failed', as: 'package', reason: expect.stringContaining('is not valid JSON') }))
    expect(messages.filter((m) => m.startsWith('error'))).toHaveLength(2)
  })

  it('reports folders without package.json, packages without a "kairos" key and files as skipped, with why', async () => {
    const folder = join(root, 'folder')
    const reports = await loadNodePlugins([folder], new NodeRegistry(), log)
    const byPath = Object.fromEntries(reports.map((r) => [r.path, r]))
    expect(byPath[join(folder, 'kairos-node-one')]).toMatchObject({ status: 'loaded', nodeTypes: ['one.add@1'], as: 'folder of packages', configured: folder })
    expect(byPath[join(folder, 'plain-library')]).toMatchObject({ package: 'plain-library', status: 'skipped', reason: 'package.json has no "kairos" key' })
    expect(byPath[join(folder, 'no-manifest')]).toMatchObject({ status: 'skipped', reason: 'no package.json' })
    expect(byPath[join(folder, 'README.md')]).toMatchObject({ status: 'skipped', reason: 'not a directory' })
    expect(reports).toHaveLength(4)
  })

  it('reports a folder with nothing in it', async () => {
    const empty = join(root, 'empty')
    expect(await loadNodePlugins([empty], new NodeRegistry(), log)).toEqual([
      expect.objectContaining({ path: empty, status: 'skipped', reason: 'contains no package folders' }),
    ])
  })

  it('loads a configured folder that is a node package itself, and says so', async () => {
    const itself = join(root, 'itself')
    const registry = new NodeRegistry()
    const reports = await loadNodePlugins([itself], registry, log)
    expect(reports).toEqual([expect.objectContaining({ package: 'kairos-node-itself', path: itself, status: 'loaded', nodeTypes: ['itself.add@1'], as: 'package' })])
    expect(registry.has('itself.add', 1)).toBe(true)
  })

  it('registers none of a package\'s node types when its second definition clashes, naming that definition', async () => {
    const registry = new NodeRegistry()
    const reports = await loadNodePlugins([join(root, 'folder'), join(root, 'clash')], registry, log)
    const clash = reports.find((r) => r.package === 'kairos-node-clash')
    expect(clash).toMatchObject({ status: 'failed', nodeTypes: [], definition: 'one.add@1', reason: 'one.add@1: already provided by another package' })
    expect(registry.has('two.add')).toBe(false)
    expect(registry.has('one.add', 1)).toBe(true)
  })

  it('registers none of a package that repeats its own type and version', async () => {
    const registry = new NodeRegistry()
    const [twice] = await loadNodePlugins([join(root, 'twice')], registry, log)
    expect(twice).toMatchObject({ status: 'failed', definition: 'three.add@1', reason: expect.stringContaining('defined twice') })
    expect(registry.has('three.add')).toBe(false)
  })

  it('hashes the loaded set: the same for two loads of the same set, different when a package is added', async () => {
    const dirs = [join(root, 'folder'), join(root, 'itself')]
    const first = pluginSetHash(await loadNodePlugins(dirs, new NodeRegistry(), log))
    const second = pluginSetHash(await loadNodePlugins([...dirs].reverse(), new NodeRegistry(), log))
    expect(first).toMatch(/^[0-9a-f]{16}$/)
    expect(second).toBe(first)
    // A failed or skipped package does not change the set.
    expect(pluginSetHash(await loadNodePlugins([...dirs, join(root, 'clash'), join(root, 'nope')], new NodeRegistry(), log))).toBe(first)
    expect(pluginSetHash(await loadNodePlugins([...dirs, join(root, 'twice')], new NodeRegistry(), log))).toBe(first)
    await writePackage(join(root, 'extra'), 'kairos-node-extra', { 'index.js': `export default ${node('extra.add')}` })
    expect(pluginSetHash(await loadNodePlugins([...dirs, join(root, 'extra')], new NodeRegistry(), log))).not.toBe(first)
  })
})

describe('plugin reports and the plugin set hash over the API', () => {
  let root: string
  let kairos: TestKairos

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kairos-loader-api-'))
    await writePackage(join(root, 'itself'), 'kairos-node-api-itself', { 'index.js': `export default ${node('api.first')}` })
    await writePackage(join(root, 'clash', 'kairos-node-api-clash'), 'kairos-node-api-clash', {
      'a.js': `export default ${node('api.second')}`,
      'b.js': `export default ${node('api.first')}`,
    })
    // As an operator gives them: KAIROS_PLUGINS_DIR, one entry missing, one the package itself.
    const { pluginDirs } = readConfig({ KAIROS_PLUGINS_DIR: [join(root, 'nope'), join(root, 'itself'), join(root, 'clash')].join(':') })
    kairos = await startTestKairos({ worker: false, pluginDirs: pluginDirs.slice(1) })
  })
  afterAll(async () => {
    await kairos?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('lists the missing folder, the package loaded as itself and the clashing package that registered nothing', async () => {
    const { body } = await kairos.api('GET', '/api/plugins')
    expect(body.plugins).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: join(root, 'nope'), status: 'missing' }),
      expect.objectContaining({ package: 'kairos-node-api-itself', status: 'loaded', as: 'package', nodeTypes: ['api.first@1'] }),
      expect.objectContaining({ package: 'kairos-node-api-clash', status: 'failed', definition: 'api.first@1', nodeTypes: [] }),
    ]))
    const types = (await kairos.api('GET', '/api/node-types')).body.nodeTypes.map((n: any) => n.type)
    expect(types).toContain('api.first')
    expect(types).not.toContain('api.second')
    // A flow using the clashing package's first type cannot be published.
    const flow = await kairos.api('POST', '/api/flows', { name: 'Uses api.second', graph: {
      nodes: [{ id: 't', type: 'trigger.event', config: { event: 'x' } }, { id: 's', type: 'api.second', config: {} }],
      edges: [{ source: 't', target: 's' }],
    } })
    const published = await kairos.api('POST', `/api/flows/${flow.body.id}/publish`)
    expect(published.status).toBeGreaterThanOrEqual(400)
    expect(JSON.stringify(published.body.error)).toContain('api.second')
  })

  it('shows the same plugin set hash in /api/plugins and /ready, and another after a package is added', async () => {
    const hash = (await kairos.api('GET', '/api/plugins')).body.pluginSet
    expect(hash).toMatch(/^[0-9a-f]{16}$/)
    expect((await kairos.api('GET', '/ready')).body).toMatchObject({ status: 'ready', pluginSet: hash })

    await kairos.restart()
    expect((await kairos.api('GET', '/ready')).body.pluginSet).toBe(hash)

    await writePackage(join(root, 'more', 'kairos-node-api-more'), 'kairos-node-api-more', { 'index.js': `export default ${node('api.more')}` })
    await kairos.restart({ pluginDirs: [join(root, 'itself'), join(root, 'more')] })
    const after = (await kairos.api('GET', '/api/plugins')).body.pluginSet
    expect(after).not.toBe(hash)
    expect((await kairos.api('GET', '/ready')).body.pluginSet).toBe(after)
  })
})
