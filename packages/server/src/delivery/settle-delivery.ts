import { sql } from 'kysely'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { DeliveryRow } from '../db/database.ts'
import { retryTransient } from '../db/retry.ts'
import { lockContacts } from '../contacts/lock-contacts.ts'
import { resumeWaitingRun } from '../execution/resume-wait.ts'
import { ingestInTransaction } from '../events/ingest-events.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { countDeliveries } from '../metrics/process-metrics.ts'
import { receiptEvent, withReceipt } from './receipt-state.ts'

export interface Settlement {
  /** `suppressed`: a policy stopped it when it came due (consent withdrawn while it was deferred). */
  status: 'sent' | 'failed' | 'suppressed'
  attempts: number
  response?: unknown
  error?: string
  /** The provider's id for a sent message (its channel's send outcome), for receipts. */
  providerMessageId?: string
}

type SettleDeps = { db: Db; clock: Clock; catalog: FlowCatalog }

/** Reads `fields` (dotted paths allowed) out of a provider's JSON answer, for merging into the contact. */
function pick(body: unknown, fields: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {}
  for (const field of fields) {
    let value: unknown = body
    for (const key of field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
    if (value !== undefined) picked[field.split('.').pop()!] = value
  }
  return picked
}

/**
 * Receipts the provider sent before the delivery settled (record-receipt.ts),
 * applied now as if they came after: the status moved forward, each receipt's
 * time kept, its event (`message.delivered`, …) emitted once, in this
 * transaction. A suppressed delivery was never sent: they are dropped.
 */
async function applyHeldReceipts(trx: Db, deps: SettleDeps, delivery: DeliveryRow, outcome: Settlement): Promise<void> {
  const held = delivery.held_receipts ?? []
  if (held.length === 0 || outcome.status === 'suppressed') return
  let state = { status: outcome.status as string, receipts: delivery.receipts, error: outcome.error ?? null }
  for (const receipt of held) state = withReceipt(state, receipt)
  await trx.updateTable('deliveries').set({ status: state.status, receipts: JSON.stringify(state.receipts), error: state.error }).where('id', '=', delivery.id).execute()
  const { external_id } = await trx.selectFrom('contacts').select('external_id').where('id', '=', delivery.contact_id).executeTakeFirstOrThrow()
  await ingestInTransaction(trx, deps, held.map((receipt) => receiptEvent(delivery, external_id, receipt)))
}

/**
 * A failed attempt whose message the provider has already reported delivered, read or clicked
 * (a receipt held while the attempt was out: the first try was accepted, its answer lost, and the
 * retry refused as a duplicate) was sent: settling it failed would send the journey down its
 * failed port (a fallback SMS, say) to someone who has the message.
 */
function acceptedDespiteFailure(delivery: DeliveryRow, outcome: Settlement): Settlement {
  if (outcome.status !== 'failed' || !(delivery.held_receipts ?? []).some((r) => r.status !== 'failed')) return outcome
  return { ...outcome, status: 'sent', error: undefined }
}

/**
 * Records a delivery's final outcome and, in the same transaction (under the
 * contact's lock, like every journey change), moves on the run that waits for
 * it: through the node's sent or failed port, with the provider's answer or
 * error on the step. A webhook's answer can be merged into the contact.
 */
export async function settleDelivery(deps: SettleDeps, deliveryId: string, outcome: Settlement): Promise<void> {
  await retryTransient(() =>
    deps.db.transaction().execute(async (trx) => {
      const delivery = await lockDelivery(trx, deliveryId)
      if (delivery?.status === 'queued') await settleLocked(trx, deps, delivery, outcome)
    }),
  )
}

/** The delivery, read after its contact was locked (the lock every journey change takes first) and locked itself. */
export async function lockDelivery(trx: Db, deliveryId: string): Promise<DeliveryRow | undefined> {
  const head = await trx.selectFrom('deliveries').select(['contact_id']).where('id', '=', deliveryId).executeTakeFirst()
  if (!head) return undefined
  await lockContacts(trx, { ids: [head.contact_id] })
  return trx.selectFrom('deliveries').selectAll().where('id', '=', deliveryId).forNoKeyUpdate().executeTakeFirstOrThrow()
}

/**
 * `settleDelivery` for a delivery `lockDelivery` returned, queued or (a
 * deferred one that came due: sent in the outbox only, or suppressed) scheduled.
 */
export async function settleLocked(trx: Db, deps: SettleDeps, delivery: DeliveryRow, reported: Settlement): Promise<void> {
  const outcome = acceptedDespiteFailure(delivery, reported)
  const now = deps.clock.now()
  const deliveryId = delivery.id
  await trx
    .updateTable('deliveries')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      provider_response: outcome.response === undefined ? null : JSON.stringify(outcome.response),
      error: outcome.error ?? null,
      sent_at: outcome.status === 'sent' ? now : null,
      provider_message_id: outcome.providerMessageId ?? null,
      held_receipts: null,
      updated_at: new Date(),
    })
    .where('id', '=', deliveryId)
    .execute()
  countDeliveries([{ channel: delivery.channel, status: outcome.status, rule: outcome.error }])
  await applyHeldReceipts(trx, deps, delivery, outcome)

  const merge = (delivery.meta as { merge?: string[] } | null)?.merge
  if (outcome.status === 'sent' && merge?.length) {
    const fields = pick((outcome.response as { body?: unknown } | undefined)?.body, merge)
    if (Object.keys(fields).length > 0)
      await sql`update contacts set attributes = attributes || ${JSON.stringify(fields)}::jsonb, updated_at = now()
        where id = ${delivery.contact_id}`.execute(trx)
  }

  // A call the provider could not place, or a deferred one a policy stopped when due, ends the call
  // node's wait as an outcome (failed, suppressed: its ports), not a timeout days later.
  if ((outcome.status === 'failed' || outcome.status === 'suppressed') && delivery.channel === 'call') {
    const { external_id } = await trx.selectFrom('contacts').select('external_id').where('id', '=', delivery.contact_id).executeTakeFirstOrThrow()
    const properties = { call: `delivery:${deliveryId}`, outcome: outcome.status, ...(outcome.status === 'failed' ? { error: outcome.error ?? null } : { reason: outcome.error ?? null }) }
    await ingestInTransaction(trx, deps, [{ contact: external_id, name: 'call.completed', id: `call.completed:delivery:${deliveryId}`, properties }])
  }

  if (!delivery.run_id) return
  await resumeWaitingRun(trx, { run: delivery.run_id, delivery: deliveryId }, now, (wait) => {
    const port =
      outcome.status === 'sent' ? (wait.sentPort ?? 'next')
      : outcome.status === 'suppressed' ? (wait.suppressedPort ?? wait.failedPort ?? 'failed')
      : (wait.failedPort ?? 'failed')
    const output: Record<string, unknown> = { ...wait.output, delivery: deliveryId, status: outcome.status, error: outcome.error, response: outcome.response }
    if (outcome.status === 'sent') delete output.error
    if (outcome.status === 'suppressed') {
      output.reason = outcome.error
      delete output.error
    }
    return { port, output }
  })
}
