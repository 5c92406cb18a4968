import { effectResume } from '@kairos/sdk'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { retryTransient } from '../db/retry.ts'
import { lockContacts } from '../contacts/lock-contacts.ts'
import { resumeWaitingRun } from '../execution/resume-wait.ts'

/** How an effect ended; `cancelled` when it was not run because its run no longer waited for it. */
export interface EffectSettlement {
  status: 'done' | 'failed' | 'cancelled'
  attempts: number
  result?: unknown
  error?: string
}

/**
 * Records an effect's outcome and, in the same transaction (under the
 * contact's lock, like every journey change), moves on the run that waits for
 * it through the node's done or failed port, the result or error on the step.
 * An effect already settled (a job that ran twice) is left as it is.
 */
export async function settleEffect(deps: { db: Db; clock: Clock }, effectId: string, outcome: EffectSettlement): Promise<void> {
  await retryTransient(() =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now()
      const head = await trx.selectFrom('effects').select(['contact_id']).where('id', '=', effectId).executeTakeFirst()
      if (!head) return
      await lockContacts(trx, { ids: [head.contact_id] })
      const effect = await trx.selectFrom('effects').selectAll().where('id', '=', effectId).forNoKeyUpdate().executeTakeFirstOrThrow()
      if (effect.status !== 'pending') return
      const result = outcome.result === undefined ? null : JSON.stringify(outcome.result)
      await trx
        .updateTable('effects')
        .set({ status: outcome.status, attempts: outcome.attempts, result, error: outcome.error ?? null, settled_at: now, updated_at: new Date() })
        .where('id', '=', effectId)
        .execute()
      if (outcome.status === 'cancelled') return
      const settled = { id: effectId, kind: effect.kind, name: effect.name, status: outcome.status, attempts: outcome.attempts, result: outcome.result, error: outcome.error }
      await resumeWaitingRun(trx, { run: effect.run_id, effect: effectId }, now, (wait) =>
        effectResume({ done: wait.donePort ?? 'next', failed: wait.failedPort ?? 'failed' }, wait.output, settled),
      )
    }),
  )
}
