import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { createTestDatabase } from '../support/database.ts'
import { signedInApi, type ApiCall } from '../support/e2e-kairos-process.ts'
import { spawnKairos, type KairosChild } from '../support/kairos-child.ts'
import { npm, run } from './commands.ts'

const TYPE = 'score.route'
const ADMIN = { email: 'plugin-author@kairos.test', password: 'a node from outside the repository' }
// Packing, a registry install and a Kairos start: generous, it is no timing test.
const SETUP_MS = 300_000

/** Polls until `check` returns a value (not undefined), or fails after `ms`, naming what it waited for. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  for (const started = Date.now(); ; ) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() - started > ms) throw new Error(`waited ${ms / 1000} s for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

// A plugin author's path, end to end: the SDK packed as it would be published, a project outside
// the repository made by `npm run new-node -- <type> --dir` that installs the tarball from npm's
// point of view, the node's own tests through @kairos/sdk/testing, then a real Kairos process
// that loads the package from KAIROS_PLUGINS_DIR and runs a journey through the node. The node
// holds its own installed copy of the SDK and the server the workspace's: what the server checks
// on a definition (its shape, its TypeBox config schema with ajv) must hold across the two.
describe('@kairos/sdk packed and used by a node package outside the repository', () => {
  let work: string
  let project: string
  let kairos: KairosChild | undefined
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kairos-sdk-outside-'))
    project = join(work, 'score-route')
    const packed = await npm(['pack', '--json', '--pack-destination', work], { cwd: join(REPO_ROOT, 'packages', 'sdk') })
    const tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename)
    await run(process.execPath, [join(REPO_ROOT, 'scripts', 'new-node.ts'), TYPE, '--dir', project, '--sdk', tarball], { cwd: REPO_ROOT })
    await npm(['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project })
  }, SETUP_MS)

  afterAll(async () => {
    await kairos?.stop()
    await database?.drop()
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('installs the built package: JavaScript and declarations, its exports on dist, no build leftovers', async () => {
    const installed = join(project, 'node_modules', '@kairos', 'sdk')
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'))
    expect(manifest.private).toBeUndefined()
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' })
    expect(manifest.exports['./testing']).toEqual({ types: './dist/testing/index.d.ts', default: './dist/testing/index.js' })
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['ajv', 'ajv-formats', 'liquidjs', 'typebox'])
    const listed = await run('find', ['.', '-type', 'f'], { cwd: installed })
    const files = listed.stdout.split('\n').filter(Boolean)
    expect(files).toEqual(expect.arrayContaining(['./dist/index.js', './dist/index.d.ts', './dist/testing/index.js', './dist/testing/index.d.ts', './README.md']))
    expect(files.filter((f) => f.includes('tsbuildinfo') || f.includes('build-stamp'))).toEqual([])
  })

  it("passes the node's own tests (npm test: node --test with @kairos/sdk/testing) and typechecks against the published declarations", async () => {
    const tested = await npm(['test'], { cwd: project })
    expect(tested.stdout).toMatch(/# pass 3\b|ℹ pass 3\b/)
    expect(tested.stdout).toMatch(/# fail 0\b|ℹ fail 0\b/)
    // A declaration the SDK's .d.ts fails to resolve would be `any` (the lib check is skipped, as in
    // most projects), and `any` accepts everything: each line below is an error only with real types.
    await writeFile(join(project, 'src', 'sdk-types.probe.ts'), [
      "import { goTo } from '@kairos/sdk'",
      "import { runNode } from '@kairos/sdk/testing'",
      "import node from './index.ts'",
      '// @ts-expect-error a port result is no string',
      "export const port: string = goTo('high')",
      "// @ts-expect-error runNode's outcome is no number",
      'export const outcome: Promise<number> = runNode(node, { config: {} })',
      "// @ts-expect-error a node's version is a number",
      'export const version: string = node.version',
    ].join('\n'))
    await npm(['run', 'typecheck'], { cwd: project })
  }, SETUP_MS)

  it('is loaded by a real Kairos from KAIROS_PLUGINS_DIR, checked at publish, and a journey runs through it', async () => {
    database = await createTestDatabase()
    kairos = await spawnKairos({ DATABASE_URL: database.url, KAIROS_PLUGINS_DIR: project, KAIROS_ADMIN_EMAIL: ADMIN.email, KAIROS_ADMIN_PASSWORD: ADMIN.password })
    const api: ApiCall = signedInApi(kairos.url, ADMIN)

    const { body: plugins } = await api('GET', '/api/plugins')
    const report = plugins.plugins.find((p: { path: string }) => p.path === project)
    expect(report, kairos.output()).toMatchObject({ package: 'kairos-node-score-route', version: '0.1.0', status: 'loaded', nodeTypes: [`${TYPE}@1`], as: 'package' })
    expect(plugins.plugins.find((p: { package: string }) => p.package === '@kairos/node-tag')?.status).toBe('loaded')

    const graph = (threshold: unknown) => ({
      nodes: [
        { id: 'scored', type: 'trigger.event', config: { event: 'scored' } },
        { id: 'route', type: TYPE, config: { attribute: 'score', threshold } },
        { id: 'hot', type: 'tag', config: { add: ['hot'] } },
        { id: 'cold', type: 'tag', config: { add: ['cold'] } },
      ],
      edges: [{ source: 'scored', target: 'route' }, { source: 'route', sourcePort: 'high', target: 'hot' }, { source: 'route', sourcePort: 'low', target: 'cold' }],
    })
    // The server validates the outside node's config with its TypeBox schema, made by the node's own SDK copy.
    const refused = await api('POST', '/api/flows', { name: 'Route by score (bad)', graph: graph('many') })
    const publishRefused = await api('POST', `/api/flows/${refused.body.id}/publish`)
    expect(publishRefused.status).toBe(400)
    expect(publishRefused.body.error.details).toEqual([{ node: 'route', field: 'config.threshold', message: 'must be number' }])

    const created = await api('POST', '/api/flows', { name: 'Route by score', graph: graph(50) })
    expect(created.status).toBe(201)
    expect((await api('POST', `/api/flows/${created.body.id}/publish`)).status, kairos.output()).toBe(200)

    // Events and contacts come in with an API key, as an integration sends them.
    const key = await api('POST', '/api/api-keys', { name: 'shop', scopes: ['events:write', 'contacts:write'] })
    const headers = { authorization: `Bearer ${key.body.secret}`, 'content-type': 'application/json' }
    const send = (method: string, path: string, body: unknown) => fetch(`${kairos!.url}${path}`, { method, headers, body: JSON.stringify(body) })
    expect((await send('PUT', '/api/contacts/ada', { attributes: { score: 72 } })).status).toBeLessThan(300)
    expect((await send('PUT', '/api/contacts/bob', { attributes: { score: 10 } })).status).toBeLessThan(300)
    expect((await send('POST', '/api/events', { events: [{ contact: 'ada', name: 'scored' }, { contact: 'bob', name: 'scored' }] })).status).toBe(202)

    const finished = (contact: string) =>
      eventually(`${contact}'s run to complete`, async () => {
        const [latest] = (await api('GET', `/api/runs?contact=${contact}`)).body.runs
        return latest?.status === 'completed' ? (await api('GET', `/api/runs/${latest.id}`)).body : undefined
      })
    const ada = await finished('ada')
    const bob = await finished('bob')
    expect(ada.steps.find((s: { node: string }) => s.node === 'route')).toMatchObject({ nodeType: TYPE, nodeVersion: 1, port: 'high', result: { value: 72 } })
    expect(bob.steps.find((s: { node: string }) => s.node === 'route')).toMatchObject({ nodeType: TYPE, port: 'low', result: { value: 10 } })
    expect((await api('GET', '/api/contacts/ada')).body.tags).toEqual(['hot'])
    expect((await api('GET', '/api/contacts/bob')).body.tags).toEqual(['cold'])
  }, SETUP_MS)
})
