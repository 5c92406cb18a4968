import type { IncomingEvent } from '../events/ingest-events.ts'
import type { HeldReceipt } from '../db/database.ts'

/** Where a delivery stands as receipts see it. */
export interface ReceiptState {
  status: string
  receipts: Record<string, string>
  error: string | null
}

/** How far along each status is; `failed` stands apart (it may come after any other). */
const ORDER = ['sent', 'delivered', 'read', 'clicked']

/**
 * A delivery after one more receipt: its time kept by status, the status
 * moved forward only (a late "delivered" after "read" leaves it at "read"),
 * a failure's reason kept as the error. `forward` says whether the status moved.
 */
export function withReceipt(state: ReceiptState, receipt: HeldReceipt): ReceiptState & { forward: boolean } {
  const forward = receipt.status === 'failed' || ORDER.indexOf(receipt.status) > ORDER.indexOf(state.status)
  return {
    status: forward ? receipt.status : state.status,
    receipts: { ...state.receipts, [receipt.status]: receipt.at },
    error: receipt.status === 'failed' && receipt.reason ? receipt.reason : state.error,
    forward,
  }
}

/** The delivery a receipt event is about, as its properties name it. */
export interface ReceiptSubject {
  id: string
  channel: string
  flow_id: string | null
  node_id: string | null
  run_id: string | null
}

/**
 * The event a receipt emits for the delivery's contact (`message.delivered`, …).
 * Its idempotency id is per delivery and status, so a receipt repeated (or
 * applied once held and again when the provider sends it again) emits it once.
 */
export function receiptEvent(delivery: ReceiptSubject, contact: string, receipt: HeldReceipt): IncomingEvent {
  return {
    contact,
    name: `message.${receipt.status}`,
    id: `receipt:${delivery.id}:${receipt.status}`,
    occurredAt: receipt.at,
    properties: { delivery: delivery.id, channel: delivery.channel, flowId: delivery.flow_id, node: delivery.node_id, runId: delivery.run_id },
  }
}
