import type { KairosCore } from '../core.ts'
import { KairosError, notFound } from '../errors.ts'

/** Receipts a provider reports after sending, in the order they can happen. */
export const RECEIPTS = ['delivered', 'read', 'clicked', 'failed'] as const
export type Receipt = (typeof RECEIPTS)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Records a receipt on a delivery and emits the matching event for its
 * contact (`message.delivered`, `message.read`, …) so a journey can wait for
 * it: "push first, SMS if not read within an hour". A receipt never moves a
 * delivery backwards (a late "delivered" after "read" is recorded but the
 * status stays "read"); a repeated receipt emits nothing new.
 */
export async function recordReceipt(core: KairosCore, deliveryId: string, input: { status: Receipt; at?: string; reason?: string }) {
  if (!UUID.test(deliveryId)) throw notFound('delivery', deliveryId)
  const delivery = await core.database.db
    .selectFrom('deliveries')
    .innerJoin('contacts', 'contacts.id', 'deliveries.contact_id')
    .select(['deliveries.id', 'deliveries.status', 'deliveries.channel', 'deliveries.flow_id', 'deliveries.node_id', 'deliveries.run_id', 'deliveries.receipts', 'contacts.external_id'])
    .where('deliveries.id', '=', deliveryId)
    .executeTakeFirst()
  if (!delivery) throw notFound('delivery', deliveryId)
  if (delivery.status === 'queued' || delivery.status === 'suppressed')
    throw new KairosError('KAIROS_CONFLICT', `delivery is ${delivery.status}: nothing was sent to receive a receipt for`)
  const at = input.at ?? core.clock.now().toISOString()
  const order = ['sent', 'delivered', 'read', 'clicked']
  const forward = input.status === 'failed' || order.indexOf(input.status) > order.indexOf(delivery.status)
  await core.database.db
    .updateTable('deliveries')
    .set({
      receipts: JSON.stringify({ ...delivery.receipts, [input.status]: at }),
      ...(forward ? { status: input.status } : {}),
      ...(input.status === 'failed' && input.reason ? { error: input.reason } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', deliveryId)
    .execute()
  const result = await core.ingest([
    {
      contact: delivery.external_id,
      name: `message.${input.status}`,
      id: `receipt:${deliveryId}:${input.status}`,
      occurredAt: at,
      properties: { delivery: deliveryId, channel: delivery.channel, flowId: delivery.flow_id, node: delivery.node_id, runId: delivery.run_id },
    },
  ])
  return { delivery: deliveryId, status: forward ? input.status : delivery.status, eventEmitted: result.accepted === 1 }
}
