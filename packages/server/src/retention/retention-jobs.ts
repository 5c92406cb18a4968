import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** The task that prunes old history, then queues itself for the next day. */
export const RETENTION_TASK = 'kairos.retention'
/** One pass is pending at a time, whichever worker queues it. */
export const RETENTION_JOB_KEY = 'kairos:retention'
/** How often a full pass runs. */
export const RETENTION_EVERY_MS = 86_400_000

/**
 * Queues the retention job for `runAt`. With `keepPending`, a pass already
 * pending keeps its time (graphile-worker's preserve-run-at), so every worker
 * that starts can call this and the daily rhythm stays put; without, the
 * pending one moves to `runAt` (how a pass queues the next).
 */
export async function queueRetention(db: Db, runAt: Date, keepPending: boolean): Promise<void> {
  const spec = { identifier: RETENTION_TASK, payload: {}, run_at: runAt.toISOString(), job_key: RETENTION_JOB_KEY, max_attempts: 25 }
  await sql`select graphile_worker.add_jobs(array[json_populate_record(null::graphile_worker.job_spec, ${JSON.stringify(spec)}::json)], ${keepPending})`.execute(db)
}
