import { sql } from 'kysely'
import { DELIVERY_RETRY } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'

/** The task that moves runs forward; its payload is a batch of tickets. */
export const ADVANCE_TASK = 'kairos.advance'
/** The task that hands one delivery to its provider, retried with backoff. */
export const DELIVER_TASK = 'kairos.deliver'
/** The task that makes one attempt of an effect; a failed attempt queues the next one itself, at its backoff. */
export const EFFECT_TASK = 'kairos.effect'

/** "Move run `run` on, if it is still at transition `seq`." */
export interface RunTicket {
  run: string
  seq: number
}

/** A ticket due at a time. */
export interface DueTicket extends RunTicket {
  runAt: Date
}

/** Runs per advance job: large enough to batch, small enough to spread over workers. */
export const TICKETS_PER_JOB = 250

export interface JobSpec {
  identifier: string
  payload: unknown
  run_at: string
  max_attempts?: number
  /** At most one pending job per key: adding another replaces it (a running one keeps going, unkeyed). */
  job_key?: string
}

/**
 * Adds jobs inside the caller's transaction, so they exist exactly when the
 * transition that needs them commits (graphile_worker.add_jobs, one round trip).
 */
export async function addJobs(db: Db, specs: JobSpec[]): Promise<void> {
  if (specs.length === 0) return
  await sql`select graphile_worker.add_jobs(array(
      select json_populate_record(null::graphile_worker.job_spec, spec)
      from json_array_elements(${JSON.stringify(specs)}::json) as spec))`.execute(db)
}

/** Advance jobs for tickets, one batch job per due time and per TICKETS_PER_JOB runs. */
export function advanceJobSpecs(tickets: DueTicket[]): JobSpec[] {
  const byTime = new Map<number, RunTicket[]>()
  for (const { run, seq, runAt } of tickets) {
    const key = runAt.getTime()
    let group = byTime.get(key)
    if (!group) byTime.set(key, (group = []))
    group.push({ run, seq })
  }
  const specs: JobSpec[] = []
  for (const [time, group] of byTime)
    for (let i = 0; i < group.length; i += TICKETS_PER_JOB)
      specs.push({ identifier: ADVANCE_TASK, payload: group.slice(i, i + TICKETS_PER_JOB), run_at: new Date(time).toISOString() })
  return specs
}

/** A delivery's job: graphile-worker retries it by the SDK's delivery rule (the harness's testChannel follows the same). */
export function deliverJobSpec(deliveryId: string, runAt: Date): JobSpec {
  return { identifier: DELIVER_TASK, payload: { delivery: deliveryId }, run_at: runAt.toISOString(), max_attempts: DELIVERY_RETRY.maxAttempts }
}

/**
 * The job for attempt `attempt` of an effect. The attempt is in the payload so a job that runs
 * again (its worker died before completing it) after the attempt was recorded does nothing;
 * graphile-worker's own retries (max_attempts) are only for the job failing as a whole (the
 * database away), not for the effect's failures, which follow EFFECT_RETRY.
 */
export function effectJobSpec(effectId: string, attempt: number, runAt: Date): JobSpec {
  return { identifier: EFFECT_TASK, payload: { effect: effectId, attempt }, run_at: runAt.toISOString(), max_attempts: 5 }
}
