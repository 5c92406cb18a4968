#!/usr/bin/env node
// Brings the toolchain a fresh machine lacks, then runs a root script with it.
//
// A newcomer's machine may have only an older Node and npm. `npm start` and
// `npm test` call this file, which (1) uses the running Node when it is 24+,
// else installs the `node@24` package from the npm registry into .toolchain/,
// (2) installs pnpm there too, (3) runs `pnpm install` when the lockfile or a
// package.json changed since the last install, and (4) runs the named
// package.json script with .toolchain/ first on PATH:
//
//   run <script> [args...]   runs it through `pnpm run`, staying resident to pass signals and
//                            the exit code on (fine for tests and one-off commands).
//   shell <script>           prints on stdout a shell line that runs it, for the caller to
//                            `eval` (root `start`): the script's last command is `exec`ed, so
//                            the long-running server replaces the shell and neither this
//                            process nor pnpm stays resident beside it (~155 MB at idle), and
//                            npm's signals and exit code are the server's own. Everything
//                            else (progress, installers' output) goes to stderr. The caller
//                            writes `line=$(...) && eval "$line"`, so that a failed preparation
//                            fails the script instead of evaluating nothing; arguments npm
//                            appends (`npm start -- worker`) land on the exec'd command. Needs
//                            a POSIX shell (npm's on Linux and macOS; on Windows use `run`).
//
// Plain JavaScript on purpose: it must run on Node 20 before Node 24 exists,
// and Node 20 has no process.execve() to become the server itself.
import { spawnSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const toolDir = join(root, '.toolchain')
const toolBin = join(toolDir, 'node_modules', '.bin')
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const PNPM_SPEC = rootPkg.packageManager ?? 'pnpm@10'
const NODE_MAJOR = 24
// Installers print to stderr, never stdout: in `shell` mode stdout is the line the caller evaluates.
const CHILD_STDIO = ['inherit', 2, 'inherit']

function log(message) {
  process.stderr.write(`[kairos toolchain] ${message}\n`)
}

function majorOf(nodeBinary) {
  const out = spawnSync(nodeBinary, ['-p', 'process.versions.node'], { encoding: 'utf8' })
  if (out.status !== 0) return 0
  return Number(out.stdout.trim().split('.')[0])
}

/** Returns the folder holding a Node >= 24 binary, installing one if needed. */
function ensureNode() {
  if (Number(process.versions.node.split('.')[0]) >= NODE_MAJOR) return dirname(process.execPath)
  const local = join(toolBin, 'node')
  if (existsSync(local) && majorOf(local) >= NODE_MAJOR) return toolBin
  installTools()
  if (majorOf(local) < NODE_MAJOR) throw new Error(`node@${NODE_MAJOR} did not install into ${toolDir}`)
  return toolBin
}

/** Installs node@24 and pnpm from the npm registry into .toolchain/. */
function installTools() {
  mkdirSync(toolDir, { recursive: true })
  const pkgFile = join(toolDir, 'package.json')
  if (!existsSync(pkgFile)) writeFileSync(pkgFile, '{ "private": true }\n')
  log(`installing node@${NODE_MAJOR} and ${PNPM_SPEC} from the npm registry into .toolchain/`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const res = spawnSync(
    npm,
    ['install', '--prefix', toolDir, '--no-audit', '--no-fund', '--no-package-lock', `node@${NODE_MAJOR}`, PNPM_SPEC],
    { stdio: CHILD_STDIO, cwd: toolDir },
  )
  if (res.status !== 0) throw new Error('npm could not install the toolchain (see above)')
}

function ensurePnpm() {
  const local = join(toolBin, 'pnpm')
  if (!existsSync(local)) installTools()
  return local
}

/** A fingerprint of everything that decides what `pnpm install` does. */
function depsFingerprint() {
  const hash = createHash('sha256')
  const files = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']
  for (const group of ['packages', 'nodes', '.']) {
    const dir = join(root, group)
    const names = group === '.' ? ['web', 'tests', 'bench'] : existsSync(dir) ? readdirSync(dir) : []
    for (const name of names.sort()) files.push(join(group, name, 'package.json'))
  }
  for (const file of files) {
    const abs = join(root, file)
    if (existsSync(abs)) hash.update(file).update(readFileSync(abs))
  }
  return hash.digest('hex')
}

function ensureDeps(env, pnpm) {
  const stampFile = join(toolDir, 'deps.stamp')
  const fingerprint = depsFingerprint()
  const installed = existsSync(join(root, 'node_modules', '.modules.yaml'))
  if (installed && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) return
  log('installing dependencies with pnpm')
  const args = ['install']
  if (existsSync(join(root, 'pnpm-lock.yaml'))) args.push('--frozen-lockfile')
  const res = spawnSync(pnpm, args, { stdio: CHILD_STDIO, cwd: root, env })
  if (res.status !== 0) throw new Error('pnpm install failed (see above)')
  mkdirSync(toolDir, { recursive: true })
  writeFileSync(stampFile, fingerprint)
}

/** Quotes `text` as one word for a POSIX shell. */
function shellQuote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

/**
 * The shell line `shell` prints: PATH with the toolchain, the root folder, then `script` with
 * its last command `exec`ed (`a && X=1 b` → `a && X=1 exec b`). Only `&&`-joined simple commands
 * are accepted, since anything after the exec'd command (`;`, `||`, a pipe) would never run.
 */
function shellLine(script, path) {
  const commands = script.split('&&').map((command) => command.trim())
  if (commands.some((command) => !command || /[;|&<>`$()\n]/.test(command)))
    throw new Error(`"${script}" is not a list of simple commands joined by && (what shell mode can exec)`)
  const [, assignments, last] = /^((?:\w+=\S*\s+)*)(.*)$/.exec(commands.at(-1))
  commands[commands.length - 1] = `${assignments}exec ${last}`
  return `PATH=${shellQuote(path)}; export PATH; cd ${shellQuote(root)} && ${commands.join(' && ')}\n`
}

function main() {
  const [command, script, ...rest] = process.argv.slice(2)
  if (!['run', 'shell'].includes(command) || !script || (command === 'shell' && rest.length)) {
    log('usage: node scripts/toolchain.mjs run <package.json script> [args...]')
    log('       line=$(node scripts/toolchain.mjs shell <package.json script>) && eval "$line"')
    process.exit(2)
  }
  const body = rootPkg.scripts?.[script]
  if (!body) throw new Error(`package.json has no script "${script}"`)
  const nodeDir = ensureNode()
  const pnpm = ensurePnpm()
  const path = [toolBin, nodeDir, process.env.PATH].join(delimiter)
  const env = { ...process.env, PATH: path }
  ensureDeps(env, pnpm)
  if (command === 'shell') return void process.stdout.write(shellLine(body, path))
  const child = spawn(pnpm, ['run', '--silent', script, ...rest], { stdio: 'inherit', cwd: root, env })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

try {
  main()
} catch (error) {
  log(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
