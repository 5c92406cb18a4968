import { Type } from 'typebox'
import { validateAgainstSchema } from '../config-validation.ts'
import type { AnyChannelDefinition, ReceiptContext, ReceiptRequest, ReceiptStatus, ReceiptUpdate } from '../define-channel.ts'

/** The statuses a receipt may report, in the order they can happen. */
export const RECEIPT_STATUSES: readonly ReceiptStatus[] = ['delivered', 'read', 'clicked', 'failed']

/** Statuses one provider request may report at most (WhatsApp batches a few). */
export const MAX_RECEIPT_UPDATES = 1000

/** What a channel kind's `receipt.parse` must return, checked, since it is a plugin's code. */
const ReceiptUpdates = Type.Array(
  Type.Object({
    providerMessageId: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    deliveryId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    status: Type.Union(RECEIPT_STATUSES.map((r) => Type.Literal(r))),
    at: Type.Optional(Type.String({ format: 'date-time' })),
    error: Type.Optional(Type.String()),
  }),
  { maxItems: MAX_RECEIPT_UPDATES },
)

/** How a receipt request went, as `POST /api/channels/:name/receipts` answers it: the statuses it reports, or 401/400 and why. */
export type ReceiptsRead = { status: 200; updates: ReceiptUpdate[] } | { status: 401 | 400; error: string }

/** The kind's receipts, or a throw for a kind that takes none (the route answers 404). */
function receiptsOf(definition: AnyChannelDefinition) {
  if (!definition.receipt) throw new Error(`channel kind ${definition.kind} takes no receipts`)
  return definition.receipt
}

/**
 * Reads a provider's receipt request with the kind's `receipt.parse`, as the
 * receipt route does: `ReceiptRefused` (by name, so another copy of the SDK
 * counts) is a 401, anything else thrown a 400; what it returns must be
 * receipt updates, else this throws (the kind's bug, a 500 on the server).
 */
export async function readReceipts(definition: AnyChannelDefinition, request: ReceiptRequest, ctx: ReceiptContext<Record<string, unknown>>): Promise<ReceiptsRead> {
  const receipt = receiptsOf(definition)
  let updates: unknown
  try {
    updates = await receipt.parse(request, ctx)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if ((error as Error)?.name === 'ReceiptRefused') return { status: 401, error: `receipt refused: ${message}` }
    return { status: 400, error: `body cannot be read as ${definition.kind} receipts: ${message}` }
  }
  const problems = validateAgainstSchema(ReceiptUpdates, updates, 'receipts')
  if (problems.length > 0) throw new Error(`channel kind ${definition.kind}: receipt.parse returned ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`)
  return { status: 200, updates: updates as ReceiptUpdate[] }
}

/** A provider's check of the receipt URL, as the route answers it: the kind's text (200), or 403 when it gives none. */
export function answerChallenge(
  definition: AnyChannelDefinition,
  query: Record<string, string>,
  ctx: ReceiptContext<Record<string, unknown>>,
): { status: 200; body: string } | { status: 403 } {
  const answer = receiptsOf(definition).challenge?.(query, ctx) ?? null
  return answer === null ? { status: 403 } : { status: 200, body: answer }
}
