import { sql } from 'kysely'
import type { KairosCore } from '../core.ts'
import type { HeldReceipt } from '../db/database.ts'
import { KairosError, notFound } from '../errors.ts'
import { receiptEvent, withReceipt } from './receipt-state.ts'

/** Receipts a provider reports after sending, in the order they can happen. */
export const RECEIPTS = ['delivered', 'read', 'clicked', 'failed'] as const
export type Receipt = (typeof RECEIPTS)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What recording one receipt did: the delivery's status now; `queued` with no event when it was kept for the settlement. */
export interface ReceiptRecorded {
  delivery: string
  status: string
  eventEmitted: boolean
}

/**
 * Records a receipt on a delivery and emits the matching event for its
 * contact (`message.delivered`, `message.read`, …) so a journey can wait for
 * it: "push first, SMS if not read within an hour". A receipt never moves a
 * delivery backwards (a late "delivered" after "read" is recorded but the
 * status stays "read"); a repeated receipt emits nothing new.
 *
 * A receipt for a delivery still queued whose time has come is the provider
 * being faster than Kairos: it accepted the message and reported on it before
 * the send was recorded. It is kept on the delivery and applied when the
 * delivery settles (settle-delivery.ts), the event emitted then. The row lock
 * orders the two: whichever comes second sees what the first wrote. A
 * delivery deferred to later (quiet hours) or suppressed was not sent: 409.
 */
export async function recordReceipt(core: KairosCore, deliveryId: string, input: { status: Receipt; at?: string; reason?: string }): Promise<ReceiptRecorded> {
  if (!UUID.test(deliveryId)) throw notFound('delivery', deliveryId)
  const db = core.database.db
  const now = core.clock.now()
  const receipt: HeldReceipt = { status: input.status, at: input.at ?? now.toISOString(), ...(input.reason ? { reason: input.reason } : {}) }
  const recorded = await db.transaction().execute(async (trx) => {
    const delivery = await trx
      .selectFrom('deliveries')
      .select(['id', 'status', 'channel', 'flow_id', 'node_id', 'run_id', 'contact_id', 'receipts', 'error', 'send_at'])
      .where('id', '=', deliveryId)
      .forNoKeyUpdate()
      .executeTakeFirst()
    if (!delivery) throw notFound('delivery', deliveryId)
    const due = delivery.send_at === null || delivery.send_at.getTime() <= now.getTime()
    if (delivery.status === 'queued' && due) {
      await trx
        .updateTable('deliveries')
        .set({ held_receipts: sql`coalesce(held_receipts, '[]'::jsonb) || ${JSON.stringify([receipt])}::jsonb`, updated_at: new Date() })
        .where('id', '=', deliveryId)
        .execute()
      return { delivery, held: true as const }
    }
    if (delivery.status === 'queued' || delivery.status === 'scheduled' || delivery.status === 'suppressed')
      throw new KairosError('KAIROS_CONFLICT', `delivery is ${delivery.status === 'suppressed' ? 'suppressed' : 'deferred'}: nothing was sent to receive a receipt for`)
    const next = withReceipt(delivery, receipt)
    await trx
      .updateTable('deliveries')
      .set({ receipts: JSON.stringify(next.receipts), status: next.status, error: next.error, updated_at: new Date() })
      .where('id', '=', deliveryId)
      .execute()
    return { delivery, held: false as const, status: next.status }
  })
  if (recorded.held) return { delivery: deliveryId, status: 'queued', eventEmitted: false }
  const { external_id } = await db.selectFrom('contacts').select('external_id').where('id', '=', recorded.delivery.contact_id).executeTakeFirstOrThrow()
  const result = await core.ingest([receiptEvent(recorded.delivery, external_id, receipt)])
  return { delivery: deliveryId, status: recorded.status, eventEmitted: result.accepted === 1 }
}
