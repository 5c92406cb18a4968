import type { Task } from 'graphile-worker'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { SmsProviderConfig } from '../config.ts'
import { sendViaHttp } from './providers.ts'

/**
 * Hands one queued delivery to its provider. Transient failures throw, so
 * graphile-worker retries with exponential backoff; a permanent one (4xx)
 * marks the delivery failed with the provider's answer. A delivery that is no
 * longer queued (already sent by an earlier attempt) is left alone. Delivery
 * is at least once: a crash between the provider's 2xx and the update below
 * sends again, with the same Idempotency-Key, which a provider uses to drop it.
 */
export function deliverTask(deps: { db: Db; clock: Clock; sms: SmsProviderConfig }): Task {
  return async (payload, helpers) => {
    const { delivery: id } = payload as { delivery: string }
    const delivery = await deps.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst()
    if (!delivery || delivery.status !== 'queued') return
    if (deps.sms.kind !== 'http') {
      // Queued for http, but this process has no http provider configured: say so rather than pretend it was sent.
      await deps.db
        .updateTable('deliveries')
        .set({ status: 'failed', error: 'no http SMS provider is configured (KAIROS_SMS_PROVIDER)', updated_at: new Date() })
        .where('id', '=', id)
        .execute()
      return
    }
    const answer = await sendViaHttp(deps.sms, { id, to: delivery.recipient, body: delivery.body, idempotencyKey: delivery.idempotency_key })
    const attempts = helpers.job.attempts
    if (answer.ok) {
      await deps.db
        .updateTable('deliveries')
        .set({ status: 'sent', sent_at: deps.clock.now(), attempts, provider_response: JSON.stringify(answer.response), error: null, updated_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .execute()
      return
    }
    const final = !answer.retry || attempts >= helpers.job.max_attempts
    await deps.db
      .updateTable('deliveries')
      .set({
        status: final ? 'failed' : 'queued',
        attempts,
        error: answer.error,
        provider_response: answer.response === undefined ? null : JSON.stringify(answer.response),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute()
    if (!final) throw new Error(`${answer.error}; will retry`)
  }
}
