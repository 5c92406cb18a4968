#!/usr/bin/env node
// Builds @kairos/sdk (packages/sdk/src → packages/sdk/dist: JavaScript and .d.ts) when its sources
// changed since the last build. The server, the node packages and the tests import the SDK through
// its package exports, that is the built files, exactly as a plugin outside the repository does;
// so every root script that runs any of them calls this first, and so does vitest's global setup.
//
// The fingerprint covers packages/sdk/src, its package.json and tsconfig files, the root
// tsconfig.json and the TypeScript version; it is kept in dist/.build-stamp, so an unchanged SDK
// costs a few milliseconds. tsc builds incrementally (dist/.tsbuildinfo); since it does not
// re-emit an output it believes current, a missing output forces a full build. Outputs whose
// source is gone are removed, so a renamed file does not linger in the package. Concurrent
// builds (two test runs in one checkout) take turns through a lock folder.
//
// A type error in the SDK does not stop tests or `npm start`: tsc still emits, the errors are
// printed, and `npm run typecheck` (the first step of `npm test`) fails on them as before. With
// `--strict` (packing the package, the image) a type error fails the build, and a build that
// had errors is never taken as current.
//
// Usage: node scripts/build-sdk.mjs [--strict]   (prints only when it builds or fails)
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const sdk = join(root, 'packages', 'sdk')
const src = join(sdk, 'src')
const dist = join(sdk, 'dist')
const stampFile = join(dist, '.build-stamp')
const buildInfo = join(dist, '.tsbuildinfo')
const lockDir = join(sdk, 'node_modules', '.cache', 'build-sdk.lock')
const LOCK_WAIT_MS = 120_000

function log(message) {
  process.stderr.write(`[kairos sdk] ${message}\n`)
}

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

function typescriptDir() {
  return dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json'))
}

function fingerprint() {
  const hash = createHash('sha256')
  const inputs = [...files(src), ...['package.json', 'tsconfig.build.json'].map((f) => join(sdk, f)), join(root, 'tsconfig.json')]
  for (const file of inputs) if (existsSync(file)) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  hash.update(JSON.parse(readFileSync(join(typescriptDir(), 'package.json'), 'utf8')).version)
  return hash.digest('hex')
}

/** The outputs tsc makes for one source file, relative to dist. */
function outputsOf(source) {
  const base = relative(src, source).replace(/\.ts$/, '')
  return [`${base}.js`, `${base}.d.ts`]
}

function sources() {
  return [...files(src)].filter((file) => file.endsWith('.ts'))
}

function allOutputsExist() {
  return sources().every((source) => outputsOf(source).every((output) => existsSync(join(dist, output))))
}

/** The stamp holds the fingerprint, and a second line `type errors` when tsc reported some. */
function upToDate(wanted, strict) {
  if (!existsSync(stampFile) || !allOutputsExist()) return false
  const [built, errors] = readFileSync(stampFile, 'utf8').split('\n')
  return built === wanted && !(strict && errors)
}

/** Removes what dist holds for sources that no longer exist, and folders left empty. */
function removeOrphans() {
  const expected = new Set(sources().flatMap(outputsOf).flatMap((output) => [output, `${output}.map`]))
  for (const file of [...files(dist)]) {
    const rel = relative(dist, file)
    if (!rel.startsWith('.') && !expected.has(rel)) rmSync(file)
  }
  const prune = (dir) => {
    for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) prune(join(dir, name))
    if (dir !== dist && readdirSync(dir).length === 0) rmdirSync(dir)
  }
  prune(dist)
}

function processAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

/** Runs `work` holding the build lock; a lock whose owner died is taken over. */
function withLock(work) {
  mkdirSync(dirname(lockDir), { recursive: true })
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      mkdirSync(lockDir)
      writeFileSync(join(lockDir, 'pid'), String(process.pid))
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      const owner = Number(existsSync(join(lockDir, 'pid')) ? readFileSync(join(lockDir, 'pid'), 'utf8') : NaN)
      // A lock without a pid yet may be one being taken this instant; only a dead owner's is stale.
      if (Number.isInteger(owner) && !processAlive(owner)) rmSync(lockDir, { recursive: true, force: true })
      else if (Date.now() > deadline) throw new Error(`${lockDir} is held by process ${owner} for over ${LOCK_WAIT_MS / 1000} s`)
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
    }
  }
  try {
    return work()
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}

// tsc's exit status when it reported errors but wrote its outputs all the same.
const ERRORS_OUTPUTS_WRITTEN = 2

/** Builds the SDK into packages/sdk/dist unless it is current; throws when it cannot (or, strict, on a type error). */
export function buildSdk({ strict = false } = {}) {
  if (upToDate(fingerprint(), strict)) return
  withLock(() => {
    // Another process may have built it while this one waited for the lock.
    const wanted = fingerprint()
    if (upToDate(wanted, strict)) return
    if (!allOutputsExist()) rmSync(buildInfo, { force: true })
    const started = Date.now()
    const tsc = join(typescriptDir(), 'bin', 'tsc')
    const result = spawnSync(process.execPath, [tsc, '-p', join(sdk, 'tsconfig.build.json')], { cwd: root, encoding: 'utf8' })
    const errors = `${result.stdout}${result.stderr}`.trim()
    if (result.status !== 0 && (strict || result.status !== ERRORS_OUTPUTS_WRITTEN))
      throw new Error(`tsc could not build packages/sdk (exit ${result.status ?? result.signal}):\n${errors}`)
    removeOrphans()
    writeFileSync(stampFile, result.status === 0 ? wanted : `${wanted}\ntype errors`)
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`
    if (result.status === 0) log(`built packages/sdk/dist in ${took}`)
    else log(`built packages/sdk/dist in ${took}, with type errors (npm run typecheck fails on them):\n${errors}`)
  })
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  try {
    buildSdk({ strict: process.argv.includes('--strict') })
  } catch (error) {
    log(error.message)
    process.exit(1)
  }
}
