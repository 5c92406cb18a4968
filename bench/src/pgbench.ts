import { execFile } from 'node:child_process'
import { access, constants, readdir } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** pgbench's built-in TPC-B-like script on a database of its own: what the Postgres server does alone. */
export interface PgbenchFigures {
  /** The binary used and its version line, or why there is none. */
  binary?: string
  version?: string
  missing?: string
  /** `pgbench -i -s <scale>`: 100,000 accounts per unit of scale. */
  scale: number
  initSeconds?: number
  /** Transactions per second (without the initial connection time) per number of clients. */
  tps: Record<string, number>
}

const executable = (path: string) => access(path, constants.X_OK).then(() => true, () => false)

/**
 * pgbench from PATH, else from Debian's /usr/lib/postgresql/<major>/bin: the
 * server's own major first, then the newest other (any recent pgbench speaks
 * to any recent server). Undefined when there is none.
 */
export async function findPgbench(serverMajor: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean))
    if (await executable(join(dir, 'pgbench'))) return join(dir, 'pgbench')
  const majors = await readdir('/usr/lib/postgresql').catch(() => [] as string[])
  const ordered = [serverMajor, ...majors.filter((m) => m !== serverMajor).sort((a, b) => Number(b) - Number(a))]
  for (const major of ordered) {
    const path = `/usr/lib/postgresql/${major}/bin/pgbench`
    if (await executable(path)) return path
  }
  return undefined
}

/** libpq's variables for `url`, so no password appears on a command line. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url)
  return {
    ...process.env,
    PGHOST: decodeURIComponent(u.hostname),
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username) || 'postgres',
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
    ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}),
  }
}

/** Initialises `url`'s (empty) database at `scale`, then runs the TPC-B-like script once per entry of `clients`. */
export async function pgbench(
  binary: string,
  url: string,
  options: { scale: number; clients: number[]; seconds: number; log: (m: string) => void },
): Promise<PgbenchFigures> {
  const env = libpqEnv(url)
  const version = (await run(binary, ['--version'])).stdout.trim()
  options.log(`pgbench: ${version}, initialising scale ${options.scale}`)
  const started = performance.now()
  await run(binary, ['-i', '-s', String(options.scale), '-q'], { env, maxBuffer: 16 * 1024 * 1024 })
  const initSeconds = Math.round((performance.now() - started) / 100) / 10
  const tps: Record<string, number> = {}
  for (const clients of options.clients) {
    options.log(`pgbench: TPC-B-like, ${clients} clients, 2 threads, ${options.seconds} s`)
    const { stdout } = await run(binary, ['-c', String(clients), '-j', '2', '-T', String(options.seconds)], { env, maxBuffer: 16 * 1024 * 1024 })
    // "tps = 1234.5 (without initial connection time)" (pgbench 14+); older ones print "excluding connections establishing".
    const match = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout)
    if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`)
    tps[String(clients)] = Math.round(Number(match[1]))
  }
  return { binary, version, scale: options.scale, initSeconds, tps }
}
