import { sql } from 'kysely'
import type { Resume, WaitState } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { addJobs, advanceJobSpecs } from './jobs.ts'

/**
 * Wakes the run that waits for a delivery or an effect that just settled, in
 * the settling transaction (its contact already locked): the run must still
 * be `waiting` on exactly that one (a run that exited, was cancelled, timed
 * out of the wait or was deleted meanwhile is left alone). Its wait keeps
 * the `resume` that `decide` gives, and an advance job takes it through that
 * port; a paused flow holds it there until it resumes. Returns whether a run
 * was woken.
 */
export async function resumeWaitingRun(
  trx: Db,
  waitsFor: { run: string; delivery: string } | { run: string; effect: string },
  now: Date,
  decide: (wait: WaitState) => Resume,
): Promise<boolean> {
  const [field, id] = 'delivery' in waitsFor ? ['delivery', waitsFor.delivery] : ['effect', waitsFor.effect]
  const run = await trx
    .selectFrom('runs')
    .select(['id', 'seq', 'wait'])
    .where('id', '=', waitsFor.run)
    .where('status', '=', 'waiting')
    .where(sql`wait->>${field}`, '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst()
  if (!run) return false
  const wait = run.wait as WaitState
  const seq = run.seq + 1
  await trx
    .updateTable('runs')
    .set({ seq, wait: JSON.stringify({ ...wait, resume: decide(wait) }), wake_at: now, updated_at: new Date() })
    .where('id', '=', run.id)
    .execute()
  await addJobs(trx, advanceJobSpecs([{ run: run.id, seq, runAt: now }]))
  return true
}
