import { sql } from 'kysely'
import type { Task } from 'graphile-worker'
import { NodeTypeNotLoaded } from '@kairos/engine'
import { afterAttempt, attemptEffect, type AttemptOutcome, type Clock, type EffectCall } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { EffectRow } from '../db/database.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import type { OutboundGuard } from '../outbound/outbound-guard.ts'
import { addJobs, effectJobSpec } from '../execution/jobs.ts'
import { failureReason } from '../execution/advance-runs.ts'
import { guardedTransport } from '../outbound/guarded-transport.ts'
import { settleEffect } from './settle-effect.ts'

export interface EffectDeps {
  db: Db
  clock: Clock
  catalog: FlowCatalog
  outbound: OutboundGuard
  pluginSet?: string
}

/**
 * Makes one attempt of an effect after the step that asked for it committed.
 * Done, or failed for good (a 4xx, a refused destination, the last attempt),
 * settles it and moves its run on; a failure worth retrying records the
 * attempt and queues the next one at its backoff (EFFECT_RETRY, the rule the
 * test harness follows too), in one transaction. An effect whose run no
 * longer waits for it (cancelled, exited, out of its wait's time) is
 * cancelled unrun. At least once: a worker that dies between the request and
 * the record makes it again, with the same Idempotency-Key. A named effect
 * whose node type this process has not loaded (an old worker during a rolling
 * deploy) throws, so graphile-worker runs the job again, perhaps on a worker
 * that has it; only its last try fails the effect, naming the plugin set.
 */
export function effectTask(deps: EffectDeps): Task {
  const transport = guardedTransport(deps.outbound)
  return async (payload, helpers) => {
    const { effect: id, attempt } = payload as { effect: string; attempt: number }
    const effect = await deps.db.selectFrom('effects').selectAll().where('id', '=', id).executeTakeFirst()
    // Gone with its run, settled, or this attempt already recorded (the job ran again).
    if (!effect || effect.status !== 'pending' || effect.attempts >= attempt) return
    if (effect.awaited && !(await stillAwaited(deps.db, effect)))
      return settleEffect(deps, id, { status: 'cancelled', attempts: effect.attempts, error: 'not run: its run no longer waits for it' })
    const lastTry = helpers.job.attempts >= helpers.job.max_attempts
    const outcome = await attemptOf(deps, effect, attempt, transport, lastTry)
    const next = afterAttempt(outcome, attempt)
    if ('retryInMs' in next) return scheduleRetry(deps, effect, attempt, next)
    return settleEffect(deps, id, { status: next.settle, attempts: attempt, result: next.result, ...(next.settle === 'failed' ? { error: next.error } : {}) })
  }
}

async function stillAwaited(db: Db, effect: EffectRow): Promise<boolean> {
  const run = await db
    .selectFrom('runs')
    .select('id')
    .where('id', '=', effect.run_id)
    .where('status', '=', 'waiting')
    .where(sql`wait->>'effect'`, '=', effect.id)
    .executeTakeFirst()
  return run !== undefined
}

/**
 * One attempt; a named effect is looked up on its node's definition in the flow
 * version that asked for it. A node type this process lacks throws (the job is
 * retried) unless this is the job's `lastTry`.
 */
async function attemptOf(
  deps: EffectDeps,
  effect: EffectRow,
  attempt: number,
  transport: ReturnType<typeof guardedTransport>,
  lastTry: boolean,
): Promise<AttemptOutcome> {
  const call: EffectCall = { kind: effect.kind, name: effect.name, request: effect.request as EffectCall['request'], idempotencyKey: effect.idempotency_key }
  if (effect.kind === 'http') return attemptEffect(call, attempt, { transport, effect: () => undefined, node: '' })
  let compiled
  try {
    compiled = (await deps.catalog.get(effect.flow_id, effect.flow_version)).nodes.get(effect.node_id)
  } catch (error) {
    if (error instanceof NodeTypeNotLoaded && !lastTry) throw new Error(failureReason(error, deps.pluginSet))
    return { ok: false, retry: false, error: failureReason(error, deps.pluginSet) }
  }
  if (!compiled) return { ok: false, retry: false, error: `node "${effect.node_id}" is not in flow version ${effect.flow_version}` }
  const node = `${compiled.node.type}@${compiled.definition.version}`
  return attemptEffect(call, attempt, { transport, effect: (name) => compiled.definition.effects?.[name], node })
}

/** Records the failed attempt and queues the next, together: a crash leaves either both or neither. */
async function scheduleRetry(deps: EffectDeps, effect: EffectRow, attempt: number, next: { retryInMs: number; error: string; result?: unknown }) {
  const runAt = new Date(deps.clock.now().getTime() + next.retryInMs)
  await deps.db.transaction().execute(async (trx) => {
    const recorded = await trx
      .updateTable('effects')
      .set({ attempts: attempt, error: next.error, result: next.result === undefined ? null : JSON.stringify(next.result), updated_at: new Date() })
      .where('id', '=', effect.id)
      .where('status', '=', 'pending')
      .where('attempts', '<', attempt)
      .executeTakeFirst()
    if (recorded.numUpdatedRows > 0n) await addJobs(trx, [effectJobSpec(effect.id, attempt + 1, runAt)])
  })
}
