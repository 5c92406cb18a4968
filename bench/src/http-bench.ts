import pg from 'pg'
import type { BenchDatabase } from './database.ts'
import { httpFlow } from './flows.ts'
import { httpRound, type HttpRoundFigures } from './http-round.ts'
import { setUpOverHttp } from './http-setup.ts'
import { spawnKairosProcess, type KairosProcess } from './kairos-process.ts'
import { findPgbench, pgbench, type PgbenchFigures } from './pgbench.ts'
import { round } from './stats.ts'

/** The connection counts of the load rounds, in order; pgbench runs with as many clients. */
export const HTTP_CONNECTIONS = [10, 50]

export interface HttpFigures {
  /** Seconds of each load round and of each pgbench run. */
  seconds: number
  rounds: Array<HttpRoundFigures & { pgbenchTps?: number; requestsPerPgbenchTps?: number }>
  pgbench: PgbenchFigures
  /** What makes the bench fail (non-2xx answers, connection errors, a drain that did not finish); the figures stay. */
  problems: string[]
}

const ADMIN = { email: 'bench@kairos.test', password: 'bench password 1234' }
const PGBENCH_SCALE = 10

function problemsOf(r: HttpRoundFigures): string[] {
  const at = `http at ${r.connections} connections`
  const codes = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith('2')).map(([code, count]) => `${count}× ${code}`)
  return [
    ...(r.non2xx > 0 ? [`${at}: ${r.non2xx} non-2xx answers (${codes.join(', ')})`] : []),
    ...(r.errors > 0 ? [`${at}: ${r.errors} connection errors (${r.timeouts} timeouts)`] : []),
    ...(r.drainProblem ? [`${at}: drain ${r.drainProblem}`] : []),
  ]
}

async function kairosRounds(database: BenchDatabase, options: { seconds: number; stallMs: number; log: (m: string) => void }): Promise<HttpRoundFigures[]> {
  const target = await database.createSibling('http')
  let server: KairosProcess | undefined
  const pool = new pg.Pool({ connectionString: target.url, max: 1 })
  try {
    options.log(`http: starting Kairos as its own process on ${target.name}`)
    // The server's defaults (logging included) but for what a webhook bench needs: its own database,
    // any free port, no demo data, and an administrator to log in as.
    server = await spawnKairosProcess({
      DATABASE_URL: target.url, PORT: '0', HOST: '127.0.0.1', KAIROS_DEMO: 'off',
      KAIROS_ADMIN_EMAIL: ADMIN.email, KAIROS_ADMIN_PASSWORD: ADMIN.password,
    })
    const { key, flowId } = await setUpOverHttp(server.url, ADMIN, { name: 'bench: webhook', graph: httpFlow })
    // A few unmeasured requests first: Fastify compiles its schemas and serializers on first use.
    // Their event starts no run, so the flow's runs are the rounds' alone.
    for (let i = 0; i < 20; i++) {
      const reply = await fetch(new URL('/api/events', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ contact: `http-warmup-${i}`, name: 'bench_http_warmup' }),
      })
      if (!reply.ok) throw new Error(`http: warm-up POST /api/events answered ${reply.status}: ${await reply.text()}`)
    }
    const rounds: HttpRoundFigures[] = []
    for (const connections of HTTP_CONNECTIONS) {
      const figures = await httpRound({
        server, key, flowId, connections, seconds: options.seconds, tag: `c${connections}`, stallMs: options.stallMs,
        query: async (text, values) => (await pool.query(text, values)).rows,
        log: options.log,
      })
      rounds.push(figures)
      if (figures.non2xx > 0 || figures.errors > 0)
        options.log(`http: the Kairos process's last output:\n${server.outputTail().split('\n').slice(-20).join('\n')}`)
      // A backlog left over would be counted as the next round's journeys.
      if (figures.drainProblem) break
    }
    return rounds
  } finally {
    await pool.end()
    await server?.stop()
    await target.drop()
  }
}

async function pgbenchBaseline(database: BenchDatabase, options: { seconds: number; log: (m: string) => void }): Promise<PgbenchFigures> {
  const major = database.version.split(/[.\s]/)[0]
  const binary = await findPgbench(major)
  if (!binary) {
    const missing = `pgbench not found (Debian package postgresql-${major} has it in /usr/lib/postgresql/${major}/bin): no pgbench figures and no ratio`
    options.log(`http: ${missing}`)
    return { missing, scale: PGBENCH_SCALE, tps: {} }
  }
  const target = await database.createSibling('pgbench')
  try {
    return await pgbench(binary, target.url, { scale: PGBENCH_SCALE, clients: HTTP_CONNECTIONS, seconds: options.seconds, log: options.log })
  } finally {
    await target.drop()
  }
}

/**
 * Single events over HTTP, as webhooks send them: Kairos in a process of its
 * own (on a database of its own, beside the bench's), set up over HTTP, then
 * a load round per entry of HTTP_CONNECTIONS, each followed by the drain of
 * its backlog. Then, with that process gone, pgbench's TPC-B-like script on
 * the same Postgres server with as many clients and for as long: Postgres'
 * own transaction rate on this machine, to read Kairos' requests/s against.
 */
export async function httpBench(database: BenchDatabase, options: { seconds: number; stallMs: number; log: (m: string) => void }): Promise<HttpFigures> {
  const rounds = await kairosRounds(database, options)
  const baseline = await pgbenchBaseline(database, options)
  return {
    seconds: options.seconds,
    rounds: rounds.map((r) => {
      const tps = baseline.tps[String(r.connections)]
      return { ...r, pgbenchTps: tps, requestsPerPgbenchTps: tps ? round(r.requestsPerSec / tps, 2) : undefined }
    }),
    pgbench: baseline,
    problems: rounds.flatMap(problemsOf),
  }
}
