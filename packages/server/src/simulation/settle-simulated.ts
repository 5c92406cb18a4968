import { sql } from 'kysely'
import { effectResume } from '@kairos/sdk'
import type { WaitState } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import type { RunTicket } from '../execution/jobs.ts'
import { resumeWaitingRuns } from '../execution/resume-wait.ts'
import { suppressedWhenDue, type PolicyReason } from '../policies/policy-rule.ts'
import { stopsWhenDue } from '../policies/recheck-due.ts'

/** What a simulated effect answers: it was not run, and its node goes on as if it had succeeded. */
export const SIMULATED_EFFECT_RESULT = { simulated: true, note: 'not executed: a simulation calls no outside system' }

/**
 * Settles the simulated flow's messages `ids` due at `now` as their deliver
 * job would, without the provider: one a policy deferred (scheduled) is first
 * checked again against consent and caps (a STOP while it waited suppresses
 * it, as come-due.ts does, recording the rule as data beside the ones that
 * deferred it), and every other one counts as sent. Their runs
 * move on through the node's sent or suppressed port, as settle-delivery.ts
 * moves them. Returns the runs woken, to advance.
 */
export async function settleDueDeliveries(trx: Db, ids: readonly string[], now: Date): Promise<RunTicket[]> {
  if (ids.length === 0) return []
  const { rows: due } = await sql<{ id: string; run_id: string | null; contact_id: string; channel: string; category: 'marketing' | 'transactional';
    flow_id: string | null; flow_version: number | null; status: string; send_at: Date; policy_reason: PolicyReason | null }>`
      select d.id, d.run_id, d.contact_id, d.channel, d.category, d.flow_id, r.flow_version, d.status, d.send_at, d.policy_reason from deliveries d
      left join runs r on r.id = d.run_id
      where d.id = any(${ids}::uuid[]) and d.status in ('scheduled', 'queued') order by d.send_at, d.id`.execute(trx)
  if (due.length === 0) return []
  const deferred = due.filter((d) => d.status === 'scheduled')
  const stops = await stopsWhenDue(trx, deferred.map((d) => ({
    id: d.id, contactId: d.contact_id, channel: d.channel, category: d.category, flowId: d.flow_id, flowVersion: d.flow_version, sendAt: d.send_at,
  })))
  const stoppedBy = new Map(deferred.map((d, i) => [d.id, stops[i]]))
  const settled = due.map((d) => {
    const stop = stoppedBy.get(d.id) ?? null
    return {
      id: d.id, run: d.run_id, status: stop ? 'suppressed' : 'sent', error: stop?.rule ?? null,
      reason: stop ? suppressedWhenDue(d.policy_reason, stop.reason) : d.policy_reason,
    }
  })
  await sql`update deliveries set status = v.status, error = v.error, policy_reason = v.reason, attempts = 1, updated_at = now(),
        sent_at = case when v.status = 'sent' then ${now}::timestamptz end
      from json_to_recordset(${JSON.stringify(settled)}::json) as v(id uuid, status text, error text, reason jsonb)
      where deliveries.id = v.id and deliveries.id = any(${settled.map((s) => s.id)}::uuid[])`.execute(trx)
  const outcome = new Map(settled.map((s) => [s.id, s]))
  const waits = settled.flatMap((s) => (s.run ? [{ run: s.run, delivery: s.id }] : []))
  return resumeWaitingRuns(trx, waits, now, (wait, waitsFor) => deliveryResume(wait, outcome.get((waitsFor as { delivery: string }).delivery)!))
}

/**
 * The port and step output of a run whose awaited message was settled in the
 * simulation: the wait's output (its timeout's error dropped) with the outcome.
 */
function deliveryResume(wait: WaitState, settled: { id: string; status: string; error: string | null }) {
  const { error: _timeout, ...output } = wait.output ?? {}
  if (settled.status === 'sent') return { port: wait.sentPort ?? 'next', output: { ...output, delivery: settled.id, status: 'sent', simulated: true } }
  return { port: wait.suppressedPort ?? wait.failedPort ?? 'failed', output: { ...output, delivery: settled.id, status: 'suppressed', reason: settled.error } }
}

/**
 * Settles the simulated flow's pending effects `ids` without running them:
 * each is marked done with `SIMULATED_EFFECT_RESULT`, and a run waiting for
 * one goes on through the node's done port, as settle-effect.ts moves it.
 * Returns the runs woken, to advance.
 */
export async function settleSimulatedEffects(trx: Db, ids: readonly string[], now: Date): Promise<RunTicket[]> {
  if (ids.length === 0) return []
  const { rows } = await sql<{ id: string; run_id: string; kind: 'http' | 'named'; name: string }>`update effects
      set status = 'done', attempts = 1, result = ${JSON.stringify(SIMULATED_EFFECT_RESULT)}::jsonb, settled_at = ${now}, updated_at = now()
      where id = any(${ids}::uuid[]) and status = 'pending'
      returning id, run_id, kind, name`.execute(trx)
  const byId = new Map(rows.map((r) => [r.id, r]))
  return resumeWaitingRuns(trx, rows.map((r) => ({ run: r.run_id, effect: r.id })), now, (wait, waitsFor) => {
    const effect = byId.get((waitsFor as { effect: string }).effect)!
    return effectResume({ done: wait.donePort ?? 'next', failed: wait.failedPort ?? 'failed' }, wait.output, {
      id: effect.id, kind: effect.kind, name: effect.name, status: 'done', attempts: 1, result: SIMULATED_EFFECT_RESULT,
    })
  })
}
