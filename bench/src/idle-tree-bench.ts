import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { processTree, type TreeProcess } from './process-tree.ts'

export interface IdleTreeOptions {
  log: (message: string) => void
  /** How long Kairos idles after "[kairos] ready" before the tree is measured (default 20 s, as issue 10 measures). */
  idleMs?: number
  /** How long `npm start` may take to be ready (default 180 s: it may build the editor first). */
  readyTimeoutMs?: number
}

export interface IdleTreeResult {
  /** VmRSS summed over every process `npm start` leaves running, in MB. */
  totalMb: number
  processes: TreeProcess[]
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const STOP_MS = 20_000 // Kairos' shutdown timeout (10 s) plus its own margin (5 s), and some

/**
 * What a newcomer's shell would not carry: a database (Postgres must be the embedded one, it
 * is part of the tree), Kairos settings, and what the bench's own `npm run`/`pnpm run` added:
 * its npm variables and PATH entries inside the checkout (.toolchain/, node_modules/.bin). The
 * last matters: npm on the toolchain's Node 24 takes ~12 MB more than on a system Node 20.
 */
function newcomerEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env))
    if (!/^(DATABASE_URL|PORT|HOST|KAIROS_.*|npm_(lifecycle|package)_.*|npm_(command|execpath|node_execpath))$/.test(name)) env[name] = value
  const path = (env.PATH ?? '').split(delimiter).filter((dir) => !resolve(dir).startsWith(ROOT))
  return { ...env, PATH: path.join(delimiter), KAIROS_DATA_DIR: dataDir, PORT: '0' }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Starts the root `npm start` as a newcomer runs it (a fresh data folder, so the embedded
 * Postgres is initialised and the demo loaded), waits until it is ready and has idled, then
 * sums the resident memory of its whole process tree: npm, the server and Postgres. Stops it
 * with SIGINT to its process group, as Ctrl-C does, and removes the data folder.
 */
export async function idleTreeBench(options: IdleTreeOptions): Promise<IdleTreeResult> {
  const { log, idleMs = 20_000, readyTimeoutMs = 180_000 } = options
  const dataDir = await mkdtemp(join(tmpdir(), 'kairos-idle-'))
  // mkdtemp makes it 0700; run as root, Kairos starts Postgres as the `postgres` user, which must get in.
  await chmod(dataDir, 0o755)
  // Its own process group (detached), so that one signal reaches all of it, as a terminal's would.
  const child = spawn('npm', ['start'], { cwd: ROOT, env: newcomerEnv(dataDir), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start was not ready within ${readyTimeoutMs} ms:\n${output.slice(-3000)}`)), readyTimeoutMs)
      const onData = (chunk: Buffer) => {
        output += chunk
        if (output.includes('[kairos] ready')) (clearTimeout(timer), resolve())
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      void exited.then((code) => (clearTimeout(timer), reject(new Error(`npm start exited with ${code} before it was ready:\n${output.slice(-3000)}`))))
      child.once('error', (error) => (clearTimeout(timer), reject(new Error(`npm start could not run: ${error.message}`))))
    })
    log(`idle-tree: ready; idling ${idleMs / 1000} s before measuring`)
    await new Promise((resolve) => setTimeout(resolve, idleMs))
    const processes = processTree(child.pid!)
    const totalMb = Math.round(processes.reduce((sum, p) => sum + p.rssMb, 0) * 10) / 10
    log(`idle-tree: ${totalMb} MB in ${processes.length} processes`)
    await stop(child, processes, log)
    return { totalMb, processes }
  } catch (error) {
    if (child.pid !== undefined) await stop(child, processTree(child.pid), log)
    throw error
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** SIGINT to the group, then waits for npm and every process of the tree (Postgres last); SIGKILL past STOP_MS. */
async function stop(child: ChildProcess, tree: TreeProcess[], log: (m: string) => void): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name)
    } catch {
      // the group is already gone
    }
  }
  signal('SIGINT')
  const running = () => child.exitCode === null && child.signalCode === null ? [child.pid!] : tree.map((p) => p.pid).filter(alive)
  const deadline = Date.now() + STOP_MS
  while (Date.now() < deadline && running().length > 0) await new Promise((resolve) => setTimeout(resolve, 100))
  const left = running()
  if (left.length === 0) return
  log(`idle-tree: ${left.length} processes still running ${STOP_MS / 1000} s after SIGINT; killing them`)
  signal('SIGKILL')
  for (const pid of left) if (alive(pid)) process.kill(pid, 'SIGKILL')
}

// Alone: `node bench/src/idle-tree-bench.ts [idle seconds]` prints the tree and its total.
if (import.meta.main) {
  const idleSeconds = Number(process.argv[2] ?? 20)
  const result = await idleTreeBench({ log: (m) => console.error(m), idleMs: idleSeconds * 1000 })
  for (const p of result.processes) console.log(`${p.rssMb.toFixed(1).padStart(7)} MB  ${String(p.pid).padStart(7)}  ${p.command}`)
  console.log(`${result.totalMb.toFixed(1).padStart(7)} MB  total, ${result.processes.length} processes, after ${idleSeconds} s idle`)
}
