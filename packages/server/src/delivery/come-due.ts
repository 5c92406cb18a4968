import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { retryTransient } from '../db/retry.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { suppressedWhenDue } from '../policies/policy-rule.ts'
import { stopsWhenDue } from '../policies/recheck-due.ts'
import { lockDelivery, settleLocked } from './settle-delivery.ts'

/**
 * A scheduled delivery (deferred by quiet hours or a cap's window) comes due,
 * under its contact's lock: consent and caps are checked again
 * (recheck-due.ts). Stopped, it is suppressed with the rule and its run goes
 * through the node's suppressed port. Otherwise, in the outbox only (nobody to
 * hand it to) it is sent now and its run goes on; through a channel it becomes
 * queued for its provider. Returns the status it has then (undefined: gone).
 */
export async function comeDue(deps: { db: Db; clock: Clock; catalog: FlowCatalog }, deliveryId: string): Promise<string | undefined> {
  return retryTransient(() =>
    deps.db.transaction().execute(async (trx) => {
      const delivery = await lockDelivery(trx, deliveryId)
      if (!delivery || delivery.status !== 'scheduled') return delivery?.status
      const run = delivery.run_id ? await trx.selectFrom('runs').select('flow_version').where('id', '=', delivery.run_id).executeTakeFirst() : undefined
      const [stop] = await stopsWhenDue(trx, [
        {
          id: delivery.id, contactId: delivery.contact_id, channel: delivery.channel, category: delivery.category as 'marketing' | 'transactional',
          flowId: delivery.flow_id, flowVersion: run?.flow_version ?? null, sendAt: delivery.send_at ?? deps.clock.now(),
        },
      ])
      if (stop) {
        await settleLocked(trx, deps, delivery, { status: 'suppressed', attempts: delivery.attempts, error: stop.rule })
        const suppressed = JSON.stringify(suppressedWhenDue(delivery.policy_reason, stop.reason))
        await trx.updateTable('deliveries').set({ policy_reason: suppressed }).where('id', '=', delivery.id).execute()
        return 'suppressed'
      }
      if (delivery.provider === 'outbox') {
        await settleLocked(trx, deps, delivery, { status: 'sent', attempts: delivery.attempts })
        return 'sent'
      }
      await trx.updateTable('deliveries').set({ status: 'queued', updated_at: new Date() }).where('id', '=', delivery.id).execute()
      return 'queued'
    }),
  )
}
