import type { JobSpec } from '../../execution/jobs.ts'

/** The task that computes every contact's moments for a newly published version's date triggers. */
export const DATE_SYNC_TASK = 'kairos.date-sync'
/** The task that enters contacts whose moments are due, then queues itself a minute later. */
export const DATE_SWEEP_TASK = 'kairos.date-sweep'

/** One sweep is pending at a time, whoever queues it. */
export function dateSweepJobSpec(runAt: Date): JobSpec {
  return { identifier: DATE_SWEEP_TASK, payload: {}, run_at: runAt.toISOString(), job_key: 'kairos:date-sweep', max_attempts: 25 }
}

/** Date triggers are minute-precise (HH:MM): each sweep queues the next at the start of the next minute. */
export function nextMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000)
}

export function dateSyncJobSpec(flowId: string, version: number, runAt: Date): JobSpec {
  return { identifier: DATE_SYNC_TASK, payload: { flow: flowId, version }, run_at: runAt.toISOString(), job_key: `kairos:date-sync:${flowId}`, max_attempts: 25 }
}
