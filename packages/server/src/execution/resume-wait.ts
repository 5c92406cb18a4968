import { sql } from 'kysely'
import type { Resume, WaitState } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { addJobs, advanceJobSpecs, type RunTicket } from './jobs.ts'

/** A run and the delivery or effect it should be waiting for. */
export type WaitsFor = { run: string; delivery: string } | { run: string; effect: string }

/**
 * Wakes the run that waits for a delivery or an effect that just settled, in
 * the settling transaction (its contact already locked): the run must still
 * be `waiting` on exactly that one (a run that exited, was cancelled, timed
 * out of the wait or was deleted meanwhile is left alone). Its wait keeps
 * the `resume` that `decide` gives, and an advance job takes it through that
 * port; a paused flow holds it there until it resumes. Returns whether a run
 * was woken.
 */
export async function resumeWaitingRun(trx: Db, waitsFor: WaitsFor, now: Date, decide: (wait: WaitState) => Resume): Promise<boolean> {
  return (await resumeWaitingRuns(trx, [waitsFor], now, decide)).length === 1
}

/**
 * `resumeWaitingRun` for many settlements at once (a journey simulation
 * settles every message due at an instant together): one read, one update,
 * one job insert. Returns the runs woken, each with the seq its advance job carries.
 */
export async function resumeWaitingRuns(
  trx: Db,
  waits: readonly WaitsFor[],
  now: Date,
  decide: (wait: WaitState, waitsFor: WaitsFor) => Resume,
): Promise<RunTicket[]> {
  if (waits.length === 0) return []
  // A run may be named more than once (two of its messages settled together): only the one it waits for wakes it.
  const wanted = new Map<string, WaitsFor[]>()
  for (const w of waits) wanted.set(String(w.run), [...(wanted.get(String(w.run)) ?? []), w])
  const rows = await trx
    .selectFrom('runs')
    .select(['id', 'seq', 'wait'])
    .where('id', 'in', [...wanted.keys()])
    .where('status', '=', 'waiting')
    .forNoKeyUpdate()
    .execute()
  const woken: Array<{ id: string; seq: number; wait: WaitState }> = []
  for (const run of rows) {
    const wait = run.wait as WaitState | null
    const waitsFor = wanted.get(run.id)!.find((w) => ('delivery' in w ? wait?.delivery === w.delivery : wait?.effect === w.effect))
    if (wait && waitsFor) woken.push({ id: run.id, seq: run.seq + 1, wait: { ...wait, resume: decide(wait, waitsFor) } })
  }
  if (woken.length === 0) return []
  await sql`update runs set seq = v.seq, wait = v.wait, wake_at = ${now}, updated_at = now()
      from json_to_recordset(${JSON.stringify(woken)}::json) as v(id bigint, seq int, wait jsonb)
      where runs.id = v.id and runs.id = any(${woken.map((r) => r.id)}::bigint[])`.execute(trx)
  const tickets = woken.map((r) => ({ run: r.id, seq: r.seq }))
  await addJobs(trx, advanceJobSpecs(tickets.map((t) => ({ ...t, runAt: now }))))
  return tickets
}
