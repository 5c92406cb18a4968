import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'
import { afterCommit } from './after-commit.ts'

/**
 * The counters and histograms of this process, with Node's default process
 * metrics (CPU, memory, event loop lag, GC). One registry per process, as
 * Prometheus sees a process: work is counted where it happens (an API process
 * counts the events it ingests, a worker the steps it takes), so deep code
 * records here without a dependency threaded through every call. The gauges
 * read from Postgres, the pool and the websocket server belong to an app and
 * are added when served (see metrics-registry.ts). Names and labels:
 * docs/operations.md.
 */
export const processRegistry = new Registry()
collectDefaultMetrics({ register: processRegistry })

const registers = [processRegistry]

const eventsIngested = new Counter({
  name: 'kairos_events_ingested_total',
  help: 'Events received, by result: accepted (stored and applied to journeys) or duplicate (an id seen before, ignored)',
  labelNames: ['result'] as const,
  registers,
})
const runsStarted = new Counter({ name: 'kairos_runs_started_total', help: 'Runs started, per flow id', labelNames: ['flow'] as const, registers })
const runsEnded = new Counter({
  name: 'kairos_runs_ended_total',
  help: 'Runs that ended, per flow id and final status (completed, exited, failed, cancelled)',
  labelNames: ['flow', 'status'] as const,
  registers,
})
const steps = new Counter({
  name: 'kairos_steps_total',
  help: 'Steps written to run traces, per node type and outcome (port, exit, error)',
  labelNames: ['node_type', 'outcome'] as const,
  registers,
})
const deliveries = new Counter({
  name: 'kairos_deliveries_total',
  help: 'Deliveries reaching a status, per channel (sms, email, wecom, call, webhook) and status (queued, sent, failed, suppressed)',
  labelNames: ['channel', 'status'] as const,
  registers,
})
const suppressions = new Counter({
  name: 'kairos_suppressions_total',
  help: 'Messages a policy rule stopped, per channel and rule',
  labelNames: ['channel', 'rule'] as const,
  registers,
})

const ingestDuration = new Histogram({
  name: 'kairos_ingest_duration_seconds',
  help: 'Time of one ingest transaction (the events of one request, or of the concurrent requests gathered into it: store, apply to journeys, commit)',
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers,
})
const stepDuration = new Histogram({
  name: 'kairos_step_duration_seconds',
  help: 'Time an advance job takes to move its batch of runs (locks, node run() calls, writes, commit)',
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
})
const wakeLateness = new Histogram({
  name: 'kairos_wake_lateness_seconds',
  help: 'How long after its due time an advance job was picked up (a wait ending, or a run moved on at once)',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers,
})
const providerDuration = new Histogram({
  name: 'kairos_provider_call_duration_seconds',
  help: 'Time of one outbound delivery call, per channel kind (sms.http, email.smtp, …) and outcome (ok, retry, failed)',
  labelNames: ['kind', 'outcome'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers,
})

/** Label values that come from data (flow ids, rule texts) are capped: past the cap they read `other`, so no series explodes. */
class BoundedLabel {
  readonly #seen = new Set<string>()
  readonly #max: number
  constructor(max: number) {
    this.#max = max
  }
  of(value: string): string {
    const short = value.length > 120 ? `${value.slice(0, 117)}...` : value
    if (this.#seen.has(short)) return short
    if (this.#seen.size >= this.#max) return 'other'
    this.#seen.add(short)
    return short
  }
}
const flowLabel = new BoundedLabel(1000)
const ruleLabel = new BoundedLabel(200)
const nodeTypeLabel = new BoundedLabel(200)

const ACTIVE = new Set(['running', 'waiting'])
const ENDED = new Set(['completed', 'exited', 'failed', 'cancelled'])

/** Events ingested in the enclosing transaction (counted when it commits). */
export function countEventsIngested(accepted: number, duplicates: number): void {
  if (accepted === 0 && duplicates === 0) return
  afterCommit(() => {
    if (accepted > 0) eventsIngested.inc({ result: 'accepted' }, accepted)
    if (duplicates > 0) eventsIngested.inc({ result: 'duplicate' }, duplicates)
  })
}

/**
 * A run's move in the enclosing transaction, as live status sees it (see
 * live/live-deltas.ts): `before` null is a run starting; `after` in a final
 * status is a run ending; each step is one step on its trace.
 */
export function countTransition(
  flowId: string,
  before: { status: string } | null,
  after: { status: string },
  taken: ReadonlyArray<{ outcome: string; nodeType?: string }>,
): void {
  const started = before === null
  const ended = ENDED.has(after.status) && (before === null || ACTIVE.has(before.status))
  if (!started && !ended && taken.length === 0) return
  afterCommit(() => {
    const flow = flowLabel.of(flowId)
    if (started) runsStarted.inc({ flow })
    if (ended) runsEnded.inc({ flow, status: after.status })
    for (const step of taken) steps.inc({ node_type: nodeTypeLabel.of(step.nodeType ?? 'unknown'), outcome: step.outcome })
  })
}

/** Deliveries that reached a status in the enclosing transaction; a suppressed one counts under its rule too. */
export function countDeliveries(list: ReadonlyArray<{ channel: string; status: string; rule?: string | null }>): void {
  if (list.length === 0) return
  afterCommit(() => {
    for (const d of list) {
      deliveries.inc({ channel: d.channel, status: d.status })
      if (d.status === 'suppressed') suppressions.inc({ channel: d.channel, rule: ruleLabel.of(d.rule ?? 'unknown rule') })
    }
  })
}

export function observeIngest(seconds: number): void {
  ingestDuration.observe(seconds)
}

/** One advance job: how long it took, and how late after its due time it was picked up. */
export function observeAdvanceJob(seconds: number, latenessSeconds: number): void {
  stepDuration.observe(seconds)
  wakeLateness.observe(Math.max(0, latenessSeconds))
}

export function observeProviderCall(kind: string, outcome: 'ok' | 'retry' | 'failed', seconds: number): void {
  providerDuration.observe({ kind, outcome }, seconds)
}
