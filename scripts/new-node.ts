// `npm run new-node -- <type> [--dir <path>] [--sdk <range or tarball>]`: creates a node package.
//
// Without --dir it goes in nodes/<type, dots as dashes>, depends on the workspace's @kairos/sdk,
// and `pnpm install` links it (and records it in pnpm-lock.yaml), so `npm test` runs its test at
// once. With --dir outside this repository it is a project of its own, on the published SDK
// (`^<version of packages/sdk>`, or --sdk: another range, or a tarball made by `npm pack`),
// tested with `npm test` there (node --test).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { folderNameOf, nodeTypeProblem, writeNodePackage } from './node-scaffold.ts'

const ROOT = dirname(import.meta.dirname)
const NODES = join(ROOT, 'nodes')
// Where the person typed `npm run new-node` (npm runs scripts from the root): --dir and --sdk paths are read from there.
const CWD = process.env.INIT_CWD ?? process.cwd()
const USAGE = `usage: npm run new-node -- <type> [--dir <path>] [--sdk <version range | path to a tarball>]
  <type>   the node type: lower case, dotted, e.g. score.route (the package folder is score-route)
  --dir    where to create the package; default nodes/<folder>. Outside this repository it is a
           project of its own that depends on the published @kairos/sdk
  --sdk    outside the repository: the @kairos/sdk to depend on (default ^<version of packages/sdk>)`

function fail(message: string): never {
  process.stderr.write(`new-node: ${message}\n`)
  process.exit(2)
}

function isInside(parent: string, path: string): boolean {
  const rel = relative(parent, path)
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`)
}

/** The package.json spec of --sdk: a tarball becomes `file:<absolute path>`, anything else is a version range. */
function sdkSpec(value: string | undefined): string {
  if (value === undefined) return `^${JSON.parse(readFileSync(join(ROOT, 'packages', 'sdk', 'package.json'), 'utf8')).version}`
  if (existsSync(resolve(CWD, value))) return `file:${resolve(CWD, value)}`
  if (value.includes('/') || value.endsWith('.tgz')) fail(`--sdk ${value}: no such file`)
  return value
}

function main(): void {
  let parsed
  try {
    parsed = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' }, sdk: { type: 'string' }, help: { type: 'boolean', short: 'h' } } })
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`)
  }
  const { values, positionals } = parsed
  if (values.help) return void process.stdout.write(`${USAGE}\n`)
  if (positionals.length !== 1) fail(`give one node type\n${USAGE}`)
  const [type] = positionals
  const problem = nodeTypeProblem(type)
  if (problem) fail(`"${type}" is not a node type name: ${problem}`)

  const dir = values.dir === undefined ? join(NODES, folderNameOf(type)) : resolve(CWD, values.dir)
  const inRepo = isInside(ROOT, dir)
  // Only nodes/* are workspace packages (pnpm-workspace.yaml): elsewhere in the repository `workspace:*` would not resolve.
  if (inRepo && dirname(dir) !== NODES) fail(`inside this repository a node package goes in nodes/ (got ${relative(ROOT, dir)}); give --dir outside it for a project of its own`)
  if (inRepo && values.sdk !== undefined) fail('--sdk is for a package outside this repository; nodes/ use the workspace\'s @kairos/sdk')
  if (existsSync(dir)) fail(`${dir} already exists; choose another type or --dir`)

  const sdk = inRepo ? 'workspace' : sdkSpec(values.sdk)
  writeNodePackage({ type, dir, sdk }).then(
    (files) => {
      const shown = inRepo ? relative(ROOT, dir) : dir
      process.stdout.write(`created ${shown}: ${files.join(', ')}\n`)
      if (inRepo) {
        const install = spawnSync('pnpm', ['install'], { cwd: ROOT, stdio: 'inherit' })
        if (install.status !== 0) fail(`pnpm install failed (see above); ${shown} is written, run \`pnpm install\` once it can`)
        process.stdout.write(`next: edit ${shown}/src/index.ts; pnpm exec vitest run ${shown}; npm start loads it from nodes/\n`)
      } else {
        process.stdout.write(`next: cd ${shown} && npm install && npm test; then KAIROS_PLUGINS_DIR=${shown} npm start in the Kairos checkout\n`)
      }
    },
    (error: Error) => fail(error.message),
  )
}

main()
