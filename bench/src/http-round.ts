import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import { HTTP_EVENT } from './flows.ts'
import type { KairosProcess } from './kairos-process.ts'
import { sampleProcess } from './process-sampler.ts'
import { round } from './stats.ts'

/** One load round: `connections` clients posting single events for `seconds`, then the backlog drained. */
export interface HttpRoundFigures {
  connections: number
  /** The load window as autocannon measured it. */
  seconds: number
  /** Requests answered 2xx, and per second of the window. */
  requests2xx: number
  requestsPerSec: number
  latencyMsP50: number
  latencyMsP99: number
  latencyMsMax: number
  /** Answers other than 2xx, and connection errors (timeouts included): reported, never hidden. */
  non2xx: number
  errors: number
  timeouts: number
  statusCodes: Record<string, number>
  /** Events the 2xx answers say were accepted, and per second of the window. */
  accepted: number
  acceptedPerSec: number
  /** Runs of the flow that reached `completed` during the load window, and per second of it. */
  journeysFinished: number
  journeysPerSec: number
  /** Seconds from the end of the load until every accepted event's run completed; absent when it did not. */
  drainSeconds?: number
  /** Why the drain did not finish (stalled, or runs that ended otherwise than completed). */
  drainProblem?: string
  /** Peak VmRSS of the Kairos process during the load and the drain. */
  serverPeakRssMb?: number
  /** The Kairos process's CPU time during the load per second of it, in % of one core (API and worker share one event loop). */
  serverCpuPercent?: number
}

export interface HttpRoundOptions {
  server: KairosProcess
  key: string
  flowId: string
  connections: number
  seconds: number
  /** Part of every contact id, so no two rounds share a contact. */
  tag: string
  stallMs: number
  query<T>(text: string, values?: unknown[]): Promise<T[]>
  log: (m: string) => void
}

type RunCounts = { completed: number; endedOtherwise: number }

function countRuns(options: HttpRoundOptions): Promise<RunCounts> {
  return options
    .query<RunCounts>(
      `select count(*) filter (where status = 'completed')::int as "completed",
              count(*) filter (where status in ('failed', 'exited', 'cancelled'))::int as "endedOtherwise"
         from runs where flow_id = $1`,
      [options.flowId],
    )
    .then((rows) => rows[0])
}

/** Waits, polling every 100 ms, until `target` runs completed; stops at a stall or at runs that ended another way. */
async function drain(options: HttpRoundOptions, before: RunCounts, target: number, loadEnded: number): Promise<Pick<HttpRoundFigures, 'drainSeconds' | 'drainProblem'>> {
  let last = -1
  let lastChange = performance.now()
  for (;;) {
    const counts = await countRuns(options)
    const now = performance.now()
    if (counts.completed >= target) return { drainSeconds: round((now - loadEnded) / 1000, 2) }
    const otherwise = counts.endedOtherwise - before.endedOtherwise
    if (otherwise > 0 && counts.completed + otherwise >= target)
      return { drainProblem: `${otherwise} runs ended otherwise than completed (failed, exited or cancelled)` }
    if (counts.completed !== last) (last = counts.completed), (lastChange = now)
    else if (now - lastChange > options.stallMs)
      return { drainProblem: `stalled: ${counts.completed - before.completed} of ${target - before.completed} runs completed, none for ${Math.round(options.stallMs / 1000)} s` }
    if (options.server.exitCode() !== null) return { drainProblem: `Kairos exited (${options.server.exitCode()}) during the drain` }
    await sleep(100)
  }
}

/**
 * POST /api/events from autocannon in this process to the Kairos process
 * over TCP, one event per request with the API key, each for a new contact
 * (setupRequest numbers them), so every request starts a run. Then the
 * backlog: how long until the runs of every accepted event completed.
 */
export async function httpRound(options: HttpRoundOptions): Promise<HttpRoundFigures> {
  const { connections, seconds, tag } = options
  let n = 0
  let accepted = 0
  const before = await countRuns(options)
  const server = sampleProcess(options.server.pid, 100)
  const cpuBefore = await server.cpuSeconds()
  options.log(`http: ${connections} connections for ${seconds} s`)
  const started = performance.now()
  const result = await autocannon({
    url: new URL('/api/events', options.server.url).toString(),
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}` },
    requests: [
      {
        setupRequest: (request) => {
          const i = n++
          const properties = { plan: i % 2 === 0 ? 'pro' : 'basic', amount: i % 250 }
          return { ...request, body: JSON.stringify({ contact: `http-${tag}-${i}`, name: HTTP_EVENT, properties }) }
        },
        onResponse: (status, body) => {
          if (status < 200 || status > 299) return
          // One event per request; a reply without the count (or not JSON) still accepted it.
          let count: unknown
          try {
            count = (JSON.parse(body) as { accepted?: unknown }).accepted
          } catch {}
          accepted += typeof count === 'number' ? count : 1
        },
      },
    ],
  })
  const loadEnded = performance.now()
  const cpuAfter = await server.cpuSeconds()
  const after = await countRuns(options)
  const windowMs = loadEnded - started
  if (options.server.exitCode() !== null) throw new Error(`Kairos exited (${options.server.exitCode()}) during the load:\n${options.server.outputTail()}`)

  const drained = await drain(options, before, before.completed + accepted, loadEnded)
  await server.stop()
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]))
  const figures: HttpRoundFigures = {
    connections,
    seconds: round(result.duration, 2),
    requests2xx: result['2xx'],
    requestsPerSec: Math.round(result['2xx'] / result.duration),
    latencyMsP50: round(result.latency.p50, 1),
    latencyMsP99: round(result.latency.p99, 1),
    latencyMsMax: round(result.latency.max, 1),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    accepted,
    acceptedPerSec: Math.round(accepted / result.duration),
    journeysFinished: after.completed - before.completed,
    journeysPerSec: Math.round(((after.completed - before.completed) * 1000) / windowMs),
    ...drained,
    serverPeakRssMb: server.peakRssMb(),
    serverCpuPercent: cpuBefore === undefined || cpuAfter === undefined ? undefined : Math.round(((cpuAfter - cpuBefore) * 100_000) / windowMs),
  }
  options.log(
    `http: ${connections} connections: ${figures.requestsPerSec} requests/s, p99 ${figures.latencyMsP99} ms, ` +
      `${figures.non2xx} non-2xx, ${figures.errors} errors; ` +
      (figures.drainSeconds === undefined ? `drain: ${figures.drainProblem}` : `drained in ${figures.drainSeconds} s`),
  )
  return figures
}
