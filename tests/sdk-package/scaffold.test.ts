import { mkdir, mkdtemp, readFile, rm, rmdir, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { writeNodePackage } from '../../scripts/node-scaffold.ts'
import { run } from './commands.ts'

const NEW_NODE = join(REPO_ROOT, 'scripts', 'new-node.ts')
// Inside the repository, as nodes/ are (vitest resolves from here), but in a folder that no glob
// of the workspace, vitest (which matches dot-folders too) or tsconfig matches, and never in
// nodes/ itself: a package there would be loaded by every Kairos the other tests start meanwhile.
const SCRATCH = join(REPO_ROOT, '.scaffold-tests', String(process.pid))

const newNode = (args: string[]) => run(process.execPath, [NEW_NODE, ...args], { cwd: REPO_ROOT, allowFailure: true })

/** This environment without vitest's own variables, so that a vitest started from a test starts afresh; plain text out. */
function freshEnv(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && !['NODE_ENV', 'TEST', 'FORCE_COLOR'].includes(key))
  return { ...Object.fromEntries(inherited), NO_COLOR: '1' }
}

describe('npm run new-node', () => {
  let outside: string

  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'kairos-new-node-'))
  })
  afterAll(async () => {
    await rm(outside, { recursive: true, force: true })
    await rm(SCRATCH, { recursive: true, force: true })
    // The parent goes too, unless another run's folder is still in it.
    await rmdir(dirname(SCRATCH)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'ENOENT') throw error
    })
  })

  it("refuses a name that is no node type, in the SDK's words", async () => {
    for (const name of ['Score.Route', 'score-route', 'score_route', '2fa.check', 'score.']) {
      const answer = await newNode([name, '--dir', join(outside, 'x')])
      expect(answer.status, name).toBe(2)
      expect(answer.stderr).toContain(`"${name}" is not a node type name: type must be a dotted lower-case name such as "send.sms"`)
    }
  })

  it('refuses a folder that exists, a folder in the repository outside nodes/, and --sdk for nodes/', async () => {
    expect((await newNode(['tag'])).stderr).toContain(`${join(REPO_ROOT, 'nodes', 'tag')} already exists`)
    expect((await newNode(['score.route', '--dir', outside])).stderr).toContain(`${outside} already exists`)
    const elsewhere = await newNode(['score.route', '--dir', join(REPO_ROOT, 'tests', 'score-route')])
    expect(elsewhere.stderr).toContain('inside this repository a node package goes in nodes/ (got tests/score-route)')
    expect((await newNode(['score.route', '--sdk', '^0.1.0'])).stderr).toContain('--sdk is for a package outside this repository')
    expect((await newNode(['score.route', '--dir', join(outside, 'y'), '--sdk', './no-such.tgz'])).stderr).toContain('--sdk ./no-such.tgz: no such file')
  })

  it('outside the repository, writes a project on the published SDK with node --test (run end to end in outside-project.test.ts)', async () => {
    const dir = join(outside, 'crm-sync-deal')
    const answer = await newNode(['crm.sync-deal', '--dir', dir])
    expect(answer.status, answer.stderr).toBe(0)
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'packages', 'sdk', 'package.json'), 'utf8'))
    expect(manifest).toMatchObject({
      name: 'kairos-node-crm-sync-deal',
      type: 'module',
      kairos: { nodes: ['./src/index.ts'] },
      scripts: { test: 'node --test' },
      dependencies: { '@kairos/sdk': `^${version}` },
    })
    expect(await readFile(join(dir, 'src', 'index.ts'), 'utf8')).toContain("type: 'crm.sync-deal'")
    expect(await readFile(join(dir, 'test', 'crm-sync-deal.test.ts'), 'utf8')).toContain("from 'node:test'")
  })

  it("in the workspace, writes a package on the workspace's SDK whose test passes under the repository's vitest", async () => {
    const dir = join(SCRATCH, 'scaffold-check')
    await mkdir(SCRATCH, { recursive: true })
    expect(await writeNodePackage({ type: 'scaffold.check', dir, sdk: 'workspace' })).toEqual([
      'package.json', 'tsconfig.json', 'src/index.ts', 'test/scaffold-check.test.ts', 'README.md',
    ])
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
    expect(manifest).toMatchObject({ name: '@kairos/node-scaffold-check', private: true, kairos: { nodes: ['./src/index.ts'] }, dependencies: { '@kairos/sdk': 'workspace:*' } })
    expect(manifest.scripts).toBeUndefined()
    // What `pnpm install` does for a package in nodes/: link the workspace's SDK into its node_modules.
    await mkdir(join(dir, 'node_modules', '@kairos'), { recursive: true })
    await symlink(join(REPO_ROOT, 'packages', 'sdk'), join(dir, 'node_modules', '@kairos', 'sdk'))
    const vitest = await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir], { cwd: dir, env: freshEnv() })
    expect(vitest.stdout).toMatch(/Tests\s+(\S+\s+)?3 passed/)
  }, 120_000)
})
