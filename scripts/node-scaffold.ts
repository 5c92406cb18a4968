// Writes a new node package from scripts/node-template/: what `npm run new-node` makes
// (scripts/new-node.ts decides where, and with which @kairos/sdk).
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { checkNodeDefinition } from '../packages/sdk/dist/index.js'

const ROOT = dirname(import.meta.dirname)
const TEMPLATE = join(import.meta.dirname, 'node-template')

export interface NodeScaffold {
  /** The node type, e.g. `score.route`. */
  type: string
  /** The folder to create; it must not exist yet. */
  dir: string
  /**
   * `workspace`: a package of this repository (nodes/), on the workspace's SDK and tested by the
   * repository's vitest. Else the `@kairos/sdk` dependency of a package of its own (`^0.1.0`,
   * `file:/path/kairos-sdk-0.1.0.tgz`), tested with `npm test` (node --test).
   */
  sdk: 'workspace' | (string & {})
}

/** Why `type` cannot name a node type, in the SDK's own words (checkNodeDefinition); null when it can. */
export function nodeTypeProblem(type: string): string | null {
  const probe = { type, version: 1, title: 'probe', category: 'logic', config: { type: 'object' }, ports: [], run: () => null }
  return checkNodeDefinition(probe).find((problem) => problem.startsWith('type ')) ?? null
}

/** The package folder for a node type: dots become dashes (`score.route` → `score-route`), as in nodes/. */
export function folderNameOf(type: string): string {
  return type.replaceAll('.', '-')
}

/** `score.route` → `Score route`. */
function titleOf(type: string): string {
  const words = type.split(/[.-]/).join(' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

async function rootPackage(): Promise<{ devDependencies: Record<string, string> }> {
  return JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** package.json and tsconfig.json: inside the repository like the other nodes/, else a project of its own. */
async function manifests(scaffold: NodeScaffold, name: string, description: string): Promise<Record<string, string>> {
  const entry = { exports: { '.': './src/index.ts' }, kairos: { nodes: ['./src/index.ts'] } }
  if (scaffold.sdk === 'workspace')
    return {
      'package.json': json({ name, version: '1.0.0', private: true, type: 'module', description, ...entry, dependencies: { '@kairos/sdk': 'workspace:*' } }),
      // The repository's tsconfig.json already covers nodes/*; this one is for editors and vite opening the folder.
      'tsconfig.json': json({ extends: relative(scaffold.dir, join(ROOT, 'tsconfig.json')), include: ['src', 'test'] }),
    }
  const tools = (await rootPackage()).devDependencies
  return {
    'package.json': json({
      name, version: '0.1.0', private: true, type: 'module', description, engines: { node: '>=24' }, ...entry,
      scripts: { test: 'node --test', typecheck: 'tsc -p tsconfig.json' },
      dependencies: { '@kairos/sdk': scaffold.sdk },
      devDependencies: { '@types/node': tools['@types/node'], typescript: tools.typescript },
    }),
    // Node 24 runs the TypeScript sources as they are (type stripping), so nothing is emitted.
    'tsconfig.json': json({
      compilerOptions: {
        target: 'es2024', lib: ['es2024'], module: 'nodenext', moduleResolution: 'nodenext', types: ['node'], strict: true, noEmit: true,
        allowImportingTsExtensions: true, verbatimModuleSyntax: true, erasableSyntaxOnly: true, skipLibCheck: true,
      },
      include: ['src', 'test'],
    }),
  }
}

/** What the README says about testing and loading, for each kind of package. */
function readmeParts(scaffold: NodeScaffold, folder: string): { test: string; load: string } {
  if (scaffold.sdk === 'workspace')
    return {
      test: `\`\`\`sh\npnpm exec vitest run nodes/${folder}     # this package's tests; \`npm test\` runs them with everything else\n\`\`\``,
      load: `Kairos loads every package in \`nodes/\` at start (\`npm start\`).`,
    }
  return {
    test: '```sh\nnpm install\nnpm test            # node --test: Node 24 runs the TypeScript as it is\nnpm run typecheck\n```',
    load:
      'Point `KAIROS_PLUGINS_DIR` at this folder (or at the folder that holds it) and start Kairos:\n\n' +
      `\`\`\`sh\nKAIROS_PLUGINS_DIR=/path/to/${folder} npm start     # in the Kairos checkout\n\`\`\`\n\n` +
      'Node 24 strips the types of `src/*.ts` when Kairos imports them, which it does only outside\n' +
      '`node_modules`: to publish this package to a registry and install it from there, build it to\n' +
      'JavaScript first and list the built modules under `"kairos"`.',
  }
}

/**
 * Writes the package: package.json (with the `"kairos"` key), tsconfig.json, src/index.ts (a
 * working example node), a test through `runNode`, README.md. Returns the files written, relative
 * to `dir`. Throws when `type` is not a valid node type or `dir` exists.
 */
export async function writeNodePackage(scaffold: NodeScaffold): Promise<string[]> {
  const problem = nodeTypeProblem(scaffold.type)
  if (problem) throw new Error(`"${scaffold.type}": ${problem}`)
  if (existsSync(scaffold.dir)) throw new Error(`${scaffold.dir} already exists; choose another name or --dir`)
  const folder = folderNameOf(scaffold.type)
  const name = scaffold.sdk === 'workspace' ? `@kairos/node-${folder}` : `kairos-node-${folder}`
  const title = titleOf(scaffold.type)
  const fill = (text: string, parts: Record<string, string> = {}) =>
    Object.entries({ __TYPE__: scaffold.type, __TITLE__: title, __PACKAGE__: name, ...parts }).reduce((out, [key, value]) => out.replaceAll(key, value), text)
  const template = (path: string) => readFile(join(TEMPLATE, path), 'utf8')
  const parts = readmeParts(scaffold, folder)
  const files: Record<string, string> = {
    ...(await manifests(scaffold, name, `Kairos node type ${scaffold.type}`)),
    'src/index.ts': fill(await template('src/index.ts')),
    [`test/${folder}.test.ts`]: fill(await template(scaffold.sdk === 'workspace' ? 'test/vitest.test.ts' : 'test/node-test.test.ts')),
    'README.md': fill(await template('README.md'), { __TEST__: parts.test, __LOAD__: parts.load }),
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(scaffold.dir, path)), { recursive: true })
    await writeFile(join(scaffold.dir, path), text)
  }
  return Object.keys(files)
}
