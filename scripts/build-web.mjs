#!/usr/bin/env node
// Builds the editor (web/ → web/dist) when its sources changed since the last build, so
// `npm start` on a fresh clone serves the real editor and a restart costs nothing.
//
// The fingerprint covers web/src, web/index.html, web/vite.config.ts, web/package.json and
// the lockfile; it is kept in web/dist/.build-stamp. A failed build does not stop Kairos
// from starting (the API matters more than the editor): it prints why, and the server
// serves the previous build or the placeholder page. `--strict` makes a failure fatal
// (the browser tests use it).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const web = join(root, 'web')
const dist = join(web, 'dist')
const stampFile = join(dist, '.build-stamp')
const strict = process.argv.includes('--strict')

function log(message) {
  process.stderr.write(`[kairos web] ${message}\n`)
}

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

function fingerprint() {
  const hash = createHash('sha256')
  const inputs = [...files(join(web, 'src')), ...['index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((f) => join(web, f)), join(root, 'pnpm-lock.yaml')]
  for (const file of inputs) if (existsSync(file)) hash.update(relative(root, file)).update('\0').update(readFileSync(file))
  return hash.digest('hex')
}

function fail(message) {
  log(message)
  if (strict) process.exit(1)
  log(existsSync(join(dist, 'index.html')) ? 'serving the previous build of the editor' : 'serving the placeholder page instead of the editor')
  process.exit(0)
}

const wanted = fingerprint()
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted && existsSync(join(dist, 'index.html'))) process.exit(0)

let viteBin
try {
  const require = createRequire(join(web, 'package.json'))
  const pkgPath = require.resolve('vite/package.json')
  const bin = JSON.parse(readFileSync(pkgPath, 'utf8')).bin
  viteBin = join(dirname(pkgPath), typeof bin === 'string' ? bin : bin.vite)
} catch {
  fail('vite is not installed in web/ (run `pnpm install`); cannot build the editor')
}

log('building the editor (web/src changed since the last build)')
const started = Date.now()
const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' })
if (result.status !== 0) fail(`the editor build failed (exit ${result.status ?? result.signal})`)
writeFileSync(stampFile, wanted)
log(`editor built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`)
