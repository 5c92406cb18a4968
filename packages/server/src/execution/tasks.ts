import type { Task, TaskList } from 'graphile-worker'
import { deliverTask } from '../delivery/deliver-task.ts'
import { advanceRuns, type ExecutionDeps } from './advance-runs.ts'
import { ADVANCE_TASK, DELIVER_TASK, EFFECT_TASK, TICKETS_PER_JOB, type RunTicket } from './jobs.ts'
import { effectTask } from '../effects/effect-task.ts'
import { GroupCommit } from '../db/group-commit.ts'
import { SCHEDULE_FANOUT_TASK, SCHEDULE_TICK_TASK, type TickPayload } from '../triggers/schedule/schedule-jobs.ts'
import { runTick } from '../triggers/schedule/run-tick.ts'
import { fanOut } from '../triggers/schedule/fan-out.ts'
import { DATE_SWEEP_TASK, DATE_SYNC_TASK } from '../triggers/dates/date-jobs.ts'
import { sweepMoments } from '../triggers/dates/sweep-moments.ts'
import { syncMoments } from '../triggers/dates/sync-moments.ts'
import { observeAdvanceJob } from '../metrics/process-metrics.ts'
import { RETENTION_TASK } from '../retention/retention-jobs.ts'
import { retentionTask } from '../retention/retention-task.ts'
import type { RetentionSettings } from '../retention/retention-settings.ts'
import { AUTO_WINNER_TASK, checkAutoWinners, type AutoWinnerPayload } from '../experiments/auto-winner-job.ts'

/**
 * Advances a job's batch of runs. Jobs running at the same time in this
 * process share a transaction (group commit): webhook traffic makes many
 * small jobs, one per ingest transaction, and each transaction's fixed round
 * trips would otherwise be paid per job. If a job's batch fails as a whole,
 * each run is retried on its own, one after another (not 250 transactions at
 * once on a small pool), and the job reports per-run results (graphile-worker
 * batch semantics), so one bad run never holds back the rest. Each job is
 * timed for /metrics: how late after its run_at it started, and how long it took.
 */
function advanceTask(deps: ExecutionDeps): Task {
  const together = new GroupCommit<RunTicket[], void>((jobs) => advanceRuns(deps, mergeTickets(jobs)).then(() => jobs.map(() => undefined)), {
    // Measured on a herd of 10,000 runs waking at once (2 cores): 4 × 500 woke them ~15% sooner than
    // 8 × 250 (one job each, as before), 2 × 1000 or 1 × 2000.
    maxInFlight: 4,
    maxSize: 2 * TICKETS_PER_JOB,
    sizeOf: (tickets) => tickets.length,
  })
  return async (payload, helpers) => {
    const tickets = (Array.isArray(payload) ? payload : [payload]) as RunTicket[]
    // Node's clock, as the worker's (useNodeTime): a wait due at 09:00 picked up at 09:00:00.2 is 0.2 s late.
    const lateness = (Date.now() - new Date(helpers.job.run_at).getTime()) / 1000
    const started = performance.now()
    try {
      await together.submit(tickets)
      observeAdvanceJob((performance.now() - started) / 1000, lateness)
    } catch (error) {
      if (tickets.length === 1) throw error
      let previous: Promise<unknown> = Promise.resolve()
      return tickets.map((ticket) => {
        const attempt = previous.then(() => advanceRuns(deps, [ticket]))
        // Only the order is chained here: each attempt's own failure reaches graphile-worker
        // through the returned promise (it logs and retries that run), and must not stop the next.
        previous = attempt.then(
          () => undefined,
          () => undefined,
        )
        return attempt
      })
    }
  }
}

/** Several jobs' tickets as one batch; a run in two of them (a stale job beside its current one) keeps its newest seq. */
function mergeTickets(jobs: RunTicket[][]): RunTicket[] {
  const seqOf = new Map<string, number>()
  for (const { run, seq } of jobs.flat()) seqOf.set(String(run), Math.max(seq, seqOf.get(String(run)) ?? -1))
  return [...seqOf].map(([run, seq]) => ({ run, seq }))
}

export function kairosTasks(deps: ExecutionDeps, options: { retention?: RetentionSettings } = {}): TaskList {
  return {
    [ADVANCE_TASK]: advanceTask(deps),
    [DELIVER_TASK]: deliverTask(deps),
    [EFFECT_TASK]: effectTask(deps),
    [SCHEDULE_TICK_TASK]: (payload) => runTick(deps, payload as TickPayload),
    [SCHEDULE_FANOUT_TASK]: (payload) => fanOut(deps, (payload as { tick: string }).tick),
    [DATE_SYNC_TASK]: (payload) => syncMoments(deps, (payload as { flow: string }).flow, (payload as { version: number }).version),
    [DATE_SWEEP_TASK]: () => sweepMoments(deps),
    [RETENTION_TASK]: retentionTask(deps, options.retention),
    [AUTO_WINNER_TASK]: async (payload) => void (await checkAutoWinners(deps, (payload as AutoWinnerPayload).flow, (payload as AutoWinnerPayload).version)),
  }
}
