import { advanceRun, NodeTypeNotLoaded, type AdvanceOutcome, type Resume, type RunState, type WaitState } from '@kairos/engine'
import type { Clock, ContactSnapshot } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { retryTransient } from '../db/retry.ts'
import type { SmsProviderConfig } from '../config.ts'
import { lockContacts } from '../contacts/lock-contacts.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import type { RunTicket } from './jobs.ts'
import { toContactSnapshot, toRunState } from './run-rows.ts'
import { UnitOfWork, type RunUpdate } from './unit-of-work.ts'
import { createNodeServices } from './node-services.ts'
import type { ChannelService } from '../channels/channel-service.ts'
import type { OutboundGuard } from '../outbound/outbound-guard.ts'
import type { ContactRow } from '../db/database.ts'
import type { SharedClaims } from './shared-claims.ts'
import type { TrackingSettings } from '../tracking/tracking-settings.ts'

/** What executing runs needs from the server. */
export interface ExecutionDeps {
  db: Db
  catalog: FlowCatalog
  clock: Clock
  sms: SmsProviderConfig
  channels: ChannelService
  /** The check every outbound request passes (deliveries to providers, effects). */
  outbound: OutboundGuard
  /** How long one node's run() may take, in ms (KAIROS_NODE_RUN_TIMEOUT_MS; default RUN_TIME_LIMIT_MS, 5 s). */
  runTimeLimitMs?: number
  /** This process's plugin set hash (plugins/loader.ts), named when a run needs a node type it has not loaded. */
  pluginSet?: string
  /** Called after each batch commits, with how many runs moved and steps were written (metrics, live status). */
  onCommitted?: (summary: { runs: number; steps: number }) => void
  /** How steps take coupon codes and reps' turns; default WORKSPACE_CLAIMS (a simulation passes claims that lock nothing). */
  claims?: SharedClaims
  /** How a contact row is shown to nodes; default as stored (a simulation shows its copies under the originals' external ids). */
  contactSnapshot?: (row: ContactRow) => ContactSnapshot
  /** Only this flow's triggers enter contacts on an attribute write (a simulation's own flow); default every active flow's. */
  onlyFlow?: string
  /** How steps make tracked links (KAIROS_PUBLIC_URL and the code key); none: the `track` filter fails (docs/tracking.md). */
  tracking?: TrackingSettings
}

const FINAL = new Set(['completed', 'exited', 'failed', 'cancelled'])

/**
 * Moves a batch of runs forward in one transaction: locks their contacts and
 * then the runs (both in id order, like event ingestion), skips every ticket
 * whose seq no longer matches (a repeated or stale job), runs each through the
 * interpreter, and writes all steps, positions, contact changes, deliveries
 * and next jobs before committing. A crash before the commit leaves
 * everything as it was, and the job runs again. A run whose flow cannot be
 * loaded or whose transition cannot be computed fails alone, with the reason,
 * and so does one whose node's run() exceeds the time limit: the rest of the
 * batch commits.
 */
export function advanceRuns(deps: ExecutionDeps, tickets: RunTicket[]): Promise<{ advanced: number; steps: number }> {
  if (tickets.length === 0) return Promise.resolve({ advanced: 0, steps: 0 })
  return retryTransient(() => deps.db.transaction().execute((trx) => advanceInTransaction(trx, deps, tickets))).then((summary) => {
    deps.onCommitted?.({ runs: summary.advanced, steps: summary.steps })
    return summary
  })
}

/**
 * `advanceRuns`' work inside a transaction the caller holds, on `deps.clock`'s
 * time (a journey simulation runs it on a virtual clock in a transaction it
 * rolls back). The caller commits, or not.
 */
export async function advanceInTransaction(trx: Db, deps: ExecutionDeps, tickets: RunTicket[]): Promise<{ advanced: number; steps: number }> {
  const now = deps.clock.now()
  const wanted = new Map(tickets.map((t) => [String(t.run), t.seq]))
  const ids = [...wanted.keys()]
  const snapshotOf = deps.contactSnapshot ?? toContactSnapshot
  const contacts = new Map((await lockContacts(trx, { ofRuns: ids })).map((c) => [c.id, snapshotOf(c)]))
  // With each run, whether its flow is paused: a paused flow holds its runs where they are (they
  // are released, and queued again, when it resumes).
  const rows = await trx
    .selectFrom('runs')
    .selectAll('runs')
    .select((eb) => eb.exists(eb.selectFrom('flows').select('flows.id').whereRef('flows.id', '=', 'runs.flow_id').where('flows.status', '=', 'paused')).as('flow_paused'))
    .where('runs.id', 'in', ids)
    .orderBy('runs.id')
    .forNoKeyUpdate()
    .execute()

  const work = new UnitOfWork(trx, deps.clock, deps.sms, deps.channels, deps.catalog, [...contacts.keys()], { claims: deps.claims, onlyFlow: deps.onlyFlow, tracking: deps.tracking })
  const held: string[] = []
  const due: Array<{ row: (typeof rows)[number]; resume?: Resume }> = []
  for (const row of rows) {
    if (wanted.get(row.id) !== row.seq) continue
    if (row.flow_paused && (row.status === 'running' || (row.status === 'waiting' && row.wake_at && row.wake_at.getTime() <= now.getTime()))) {
      held.push(row.id)
      continue
    }
    if (row.status === 'running') due.push({ row })
    else if (row.status === 'waiting' && row.wake_at) {
      if (row.wake_at.getTime() > now.getTime()) work.tickets.push({ run: row.id, seq: row.seq, runAt: row.wake_at })
      else {
        // An awaited event that arrived left its resume on the wait; otherwise the time is up.
        const wait = row.wait as WaitState | null
        due.push({ row, resume: wait?.resume ?? { port: wait?.timeoutPort ?? 'next', output: wait?.output } })
      }
    }
  }

  // Node types whose run() ran out of time in this batch: later runs reaching one fail there at once.
  const slowNodes = new Set<string>()
  for (const { row, resume } of due) {
    const run = toRunState(row)
    const contact = contacts.get(row.contact_id)!
    let outcome: AdvanceOutcome
    try {
      const flow = await deps.catalog.get(row.flow_id, row.flow_version, trx)
      outcome = await advanceRun({
        run, flow, contact, now, resume, runTimeLimitMs: deps.runTimeLimitMs, slowNodes,
        services: (step, gate) => createNodeServices(work, run, contact, { ...retriedStep(row, step), definition: flow.nodes.get(step.nodeId)!.definition }, gate),
      })
    } catch (error) {
      outcome = failedOutcome(run, error, now, deps.pluginSet)
    }
    // A failed step's effects never run; the one a waiting run waits for is marked so its job checks the run still waits.
    if (outcome.status === 'failed' && outcome.steps.length > 0) work.effects.dropStep(row.id, outcome.steps[outcome.steps.length - 1].seq)
    if (outcome.wait?.effect) work.effects.awaited(row.id, outcome.wait.effect)
    work.live.transition(row.flow_id, { nodeId: row.node_id, status: row.status }, { nodeId: outcome.nodeId, status: outcome.status }, outcome.steps)
    for (const step of outcome.steps) work.steps.push({ ...step, runId: row.id })
    work.runs.push(toRunUpdate(row.id, outcome, now))
    if (outcome.status === 'waiting' && outcome.wakeAt) work.tickets.push({ run: row.id, seq: outcome.seq, runAt: outcome.wakeAt })
    if (outcome.status === 'running') work.tickets.push({ run: row.id, seq: outcome.seq, runAt: now })
  }
  if (held.length > 0) await trx.updateTable('runs').set({ held_at: now }).where('id', 'in', held).execute()
  await work.flush()
  return { advanced: due.length, steps: work.steps.length }
}

/**
 * The step as its services see it: the first step of a retried run reuses the
 * seq of the step that failed (runs.retry_seq), so its idempotency keys match
 * and a message that step already recorded is found instead of sent again.
 */
function retriedStep(row: { seq: number; node_id: string; retry_seq: number | null }, step: { seq: number; nodeId: string }) {
  return row.retry_seq !== null && step.seq === row.seq && step.nodeId === row.node_id ? { ...step, keySeq: row.retry_seq } : step
}

/**
 * A run that cannot go on (its flow version no longer loads, say) fails where it stands, saying
 * why on its trace. A node type this process lacks is named with the process's plugin set, so
 * the operator sees which processes differ (GET /api/plugins and /ready show each one's).
 */
function failedOutcome(run: RunState, error: unknown, now: Date, pluginSet?: string): AdvanceOutcome {
  const missing = error instanceof NodeTypeNotLoaded ? error : undefined
  const message = failureReason(error, pluginSet)
  return {
    status: 'failed', nodeId: run.nodeId, nodeEnteredAt: run.nodeEnteredAt, seq: run.seq + 1,
    steps: [{
      nodeId: run.nodeId, nodeType: missing?.nodeId === run.nodeId ? missing.type : 'unknown', nodeVersion: missing?.nodeId === run.nodeId ? missing.version : 0,
      seq: run.seq, enteredAt: run.nodeEnteredAt, leftAt: now,
      outcome: 'error', port: null, error: message,
    }],
    wakeAt: null, wait: null, error: message, exitReason: null,
  }
}

/** Why work on a run could not go on, as its trace says it: a node type this process lacks is named with the process's plugin set. */
export function failureReason(error: unknown, pluginSet = 'unknown'): string {
  if (error instanceof NodeTypeNotLoaded) return `node type ${error.type}@${error.version} is not loaded in this process; plugin set ${pluginSet}`
  return error instanceof Error ? error.message : String(error)
}

function toRunUpdate(id: string, outcome: AdvanceOutcome, now: Date): RunUpdate {
  return {
    id,
    status: outcome.status,
    node_id: outcome.nodeId,
    node_entered_at: outcome.nodeEnteredAt,
    seq: outcome.seq,
    wake_at: outcome.wakeAt,
    wait_event: outcome.wait?.event ?? null,
    wait: outcome.wait,
    error: outcome.error,
    exit_reason: outcome.exitReason,
    finished_at: FINAL.has(outcome.status) ? now : null,
  }
}
