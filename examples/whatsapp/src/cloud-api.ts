import type { ChannelAnswer, ChannelMessage } from '@kairos/sdk'

/** A message template as the Cloud API takes it: an approved template's name, its language, and the values of its variables. */
export interface TemplateMessage {
  name: string
  language: { code: string }
  components?: Array<{ type: 'body'; parameters: Array<{ type: 'text'; text: string }> }>
}

/**
 * The JSON for `POST /{version}/{phone-number-id}/messages`. A message whose
 * `data.template` is set (what send.whatsapp records) goes as that template;
 * any other as text (`body`), which WhatsApp delivers only inside the 24-hour
 * window after the contact last wrote. `biz_opaque_callback_data` carries the
 * delivery's id: WhatsApp echoes it in status webhooks, so a receipt finds its
 * delivery even before the message id is recorded.
 */
export function messagePayload(message: ChannelMessage): Record<string, unknown> {
  const template = message.data?.template as TemplateMessage | undefined
  const common = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to, biz_opaque_callback_data: message.id }
  if (template) return { ...common, type: 'template', template }
  return { ...common, type: 'text', text: { preview_url: false, body: message.body } }
}

/** The Graph API error in an answer: `{ error: { code, message, type } }`. */
export interface GraphError {
  code?: number
  message?: string
  type?: string
}

export function graphError(answer: ChannelAnswer): GraphError | undefined {
  const error = (answer.body as { error?: unknown } | null)?.error
  return error !== null && typeof error === 'object' ? (error as GraphError) : undefined
}

/**
 * Error codes that mean "too many, slow down", whatever the HTTP status they
 * come with: 4 (the app's call limit), 80007 (the business account's), 130429
 * (the number's throughput), 131056 (too many to one recipient).
 */
export const THROTTLED = new Set([4, 80007, 130429, 131056])

/** The message id WhatsApp gave a message it accepted: `{ messages: [{ id: "wamid…" }] }`. */
export function acceptedId(body: unknown): string | undefined {
  const id = (body as { messages?: Array<{ id?: unknown }> } | null)?.messages?.[0]?.id
  return typeof id === 'string' ? id : undefined
}
