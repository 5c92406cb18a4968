import { createHmac, timingSafeEqual } from 'node:crypto'
import { ReceiptRefused, type ReceiptContext, type ReceiptRequest, type ReceiptUpdate } from '@kairos/sdk'

/** What of the channel's config the webhook needs. */
interface WebhookConfig {
  phoneNumberId: string
  appSecret?: string
  verifyToken?: string
}

interface Status {
  id?: unknown
  status?: unknown
  timestamp?: unknown
  biz_opaque_callback_data?: unknown
  errors?: Array<{ code?: unknown; title?: unknown; message?: unknown }>
}

interface Change {
  field?: unknown
  value?: { metadata?: { phone_number_id?: unknown }; statuses?: Status[] }
}

const RECEIPT: Record<string, ReceiptUpdate['status']> = { delivered: 'delivered', read: 'read', failed: 'failed' }

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`, compared in constant time. */
function checkSignature(request: ReceiptRequest, appSecret: string | undefined): void {
  if (!appSecret) throw new ReceiptRefused('the channel has no appSecret, so status webhooks cannot be verified: set it to receive them')
  const sent = request.headers['x-hub-signature-256'] ?? ''
  const expected = `sha256=${createHmac('sha256', appSecret).update(request.rawBody).digest('hex')}`
  if (sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected)))
    throw new ReceiptRefused('X-Hub-Signature-256 does not match the body signed with the app secret')
}

/** Why a message failed, from the status's first error. */
function failure(status: Status): string | undefined {
  const error = status.errors?.[0]
  if (!error) return undefined
  return `WhatsApp error ${String(error.code ?? '?')}: ${String(error.message ?? error.title ?? '')}`.trim()
}

/**
 * A `messages` webhook of the WhatsApp Business Account, signed by the Meta
 * app: its `statuses` for this channel's number become receipts (delivered,
 * read, failed; `sent` is what Kairos already knows). Incoming messages in
 * the same webhook are not receipts and are left alone.
 */
export function statusReceipts(request: ReceiptRequest, ctx: ReceiptContext<WebhookConfig>): ReceiptUpdate[] {
  checkSignature(request, ctx.config.appSecret)
  const payload = JSON.parse(request.rawBody) as { object?: unknown; entry?: Array<{ changes?: Change[] }> }
  if (payload.object !== 'whatsapp_business_account') throw new Error('not a whatsapp_business_account webhook')
  const updates: ReceiptUpdate[] = []
  for (const entry of payload.entry ?? [])
    for (const change of entry.changes ?? []) {
      if (change.field !== 'messages' || change.value?.metadata?.phone_number_id !== ctx.config.phoneNumberId) continue
      for (const status of change.value.statuses ?? []) {
        const receipt = RECEIPT[String(status.status)]
        if (!receipt || typeof status.id !== 'string') continue
        const seconds = Number(status.timestamp)
        // Ours, echoed (see cloud-api.ts): found even before the message id is recorded.
        const delivery = { providerMessageId: status.id, ...(typeof status.biz_opaque_callback_data === 'string' ? { deliveryId: status.biz_opaque_callback_data } : {}) }
        const error = receipt === 'failed' ? failure(status) : undefined
        updates.push({ ...delivery, status: receipt, ...(Number.isFinite(seconds) && seconds > 0 ? { at: new Date(seconds * 1000).toISOString() } : {}), ...(error ? { error } : {}) })
      }
    }
  return updates
}

/** The check Meta makes when the webhook is subscribed: `hub.mode=subscribe`, our verify token, and a challenge to echo. */
export function verifySubscription(query: Record<string, string>, ctx: ReceiptContext<WebhookConfig>): string | null {
  const token = ctx.config.verifyToken
  if (!token || query['hub.mode'] !== 'subscribe' || query['hub.verify_token'] !== token) return null
  return query['hub.challenge'] ?? null
}
