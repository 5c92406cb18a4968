import type { HttpFigures } from './http-bench.ts'

/** A row of the printed table: measure, value, target, met. */
export type Row = [string, string, string, string]

/** The round the targets apply to (issue 10: webhooks at 50 connections). */
export const HTTP_TARGET_CONNECTIONS = 50

/**
 * Issue 10's goals for the 50-connection round: requests/s at least pgbench's tps with as many
 * clients, p99 latency, journeys finished/s as a share of events accepted/s, and the time to
 * drain the backlog once the load stops. Shown beside the figures, never a failure.
 */
export const HTTP_TARGETS = { httpRequestsPerPgbenchTps: 1, httpLatencyP99Ms: 100, httpJourneysShare: 0.95, httpDrainSeconds: 2 }

/** Whether the 50-connection round met each target; undefined where the figure is missing. */
export function httpMet(http: HttpFigures | undefined) {
  const r = http?.rounds.find((x) => x.connections === HTTP_TARGET_CONNECTIONS)
  return {
    httpRequestsPerPgbenchTps: r?.requestsPerPgbenchTps === undefined ? undefined : r.requestsPerPgbenchTps >= HTTP_TARGETS.httpRequestsPerPgbenchTps,
    httpLatencyP99Ms: r ? r.latencyMsP99 <= HTTP_TARGETS.httpLatencyP99Ms : undefined,
    httpJourneysShare: r && r.acceptedPerSec > 0 ? r.journeysPerSec >= HTTP_TARGETS.httpJourneysShare * r.acceptedPerSec : undefined,
    httpDrainSeconds: r ? r.drainSeconds !== undefined && r.drainSeconds <= HTTP_TARGETS.httpDrainSeconds : undefined,
  }
}

const fmt = (n: number | undefined, unit = '') => (n === undefined ? '—' : `${n.toLocaleString('en-US')}${unit}`)
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'yes' : 'NO')

/** The HTTP phase's rows: per round, then pgbench's line; targets beside the 50-connection figures. */
export function httpRows(http: HttpFigures | undefined): Row[] {
  if (!http) return [['Single events over HTTP', '—', '', '']]
  const met = httpMet(http)
  const rows: Row[] = [[`Single events over HTTP (Kairos process, autocannon, ${http.seconds} s a round)`, '', '', '']]
  for (const r of http.rounds) {
    const t = r.connections === HTTP_TARGET_CONNECTIONS
    const share = r.acceptedPerSec > 0 ? Math.round((r.journeysPerSec / r.acceptedPerSec) * 100) : undefined
    rows.push(
      [`  ${r.connections} connections: requests/s answered 2xx`, fmt(r.requestsPerSec), t ? `≥ pgbench tps (${fmt(r.pgbenchTps)})` : '', t ? mark(met.httpRequestsPerPgbenchTps) : ''],
      ['    latency p50 / p99 (max)', `${fmt(r.latencyMsP50)} / ${fmt(r.latencyMsP99)} ms (${fmt(r.latencyMsMax)} ms)`, t ? `p99 ≤ ${HTTP_TARGETS.httpLatencyP99Ms} ms` : '', t ? mark(met.httpLatencyP99Ms) : ''],
      ['    non-2xx, errors; accepted', `${fmt(r.non2xx)}, ${fmt(r.errors)}; ${fmt(r.accepted)} (${fmt(r.acceptedPerSec)}/s)`, '', ''],
      ['    journeys finished/s during the load', `${fmt(r.journeysPerSec)} (${fmt(share, '%')} of accepted/s)`, t ? `≥ ${HTTP_TARGETS.httpJourneysShare * 100}% of accepted/s` : '', t ? mark(met.httpJourneysShare) : ''],
      ['    backlog drained after the load', r.drainSeconds === undefined ? `not: ${r.drainProblem}` : `${fmt(r.drainSeconds)} s`, t ? `≤ ${HTTP_TARGETS.httpDrainSeconds} s` : '', t ? mark(met.httpDrainSeconds) : ''],
      ['    pgbench tps; Kairos requests/s ÷ pgbench tps', `${fmt(r.pgbenchTps)}; ${fmt(r.requestsPerPgbenchTps)}`, '', ''],
      ['    Kairos process peak RSS; CPU during the load', `${fmt(r.serverPeakRssMb, ' MB')}; ${fmt(r.serverCpuPercent, '% of a core')}`, '', ''],
    )
  }
  const p = http.pgbench
  rows.push(['  pgbench TPC-B-like', p.missing ?? `scale ${p.scale} (initialised in ${fmt(p.initSeconds)} s), ${p.version}`, '', ''])
  return rows
}
