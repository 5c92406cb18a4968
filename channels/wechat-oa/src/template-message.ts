import { createHash } from 'node:crypto'
import type { ChannelMessage } from '@kairos/sdk'

/** What send.wechat puts in a message's `data`: the template, its fields rendered, and where a tap leads. */
export interface WechatTemplateData {
  templateId: string
  fields: Record<string, string>
  url?: string
}

/** Thrown for a message WeChat would refuse, before anything is sent. */
export class TemplateMessageInvalid extends Error {
  override name = 'TemplateMessageInvalid'
}

/** A template's keyword names: `thing1`, `time2`, `keyword1`, `first`. */
export const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,31}$/

/**
 * WeChat's `client_msg_id` for a delivery: WeChat sends one message per
 * openid and id within 10 minutes, so a retry after a lost answer is not a
 * second message. The delivery's idempotency key, hashed to 32 characters.
 */
export function clientMsgId(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)
}

/**
 * The body of `POST /cgi-bin/message/template/send`: `{ touser, template_id,
 * url?, client_msg_id, data: { key: { value } } }`, checked first: a template
 * id, at least one field, every key a keyword name and every value set, a url
 * that is http(s).
 */
export function templatePayload(message: Pick<ChannelMessage, 'to' | 'data'>, idempotencyKey: string): Record<string, unknown> {
  const data = (message.data ?? {}) as Partial<WechatTemplateData>
  if (typeof data.templateId !== 'string' || data.templateId.trim() === '') throw new TemplateMessageInvalid('the message names no template (data.templateId)')
  const fields = Object.entries(data.fields ?? {})
  if (fields.length === 0) throw new TemplateMessageInvalid('the message has no template fields (data.fields)')
  for (const [key, value] of fields) {
    if (!FIELD_KEY.test(key)) throw new TemplateMessageInvalid(`template field "${key}" is not a keyword name (letters, digits, _)`)
    if (typeof value !== 'string' || value.trim() === '') throw new TemplateMessageInvalid(`template field "${key}" is empty`)
  }
  const url = data.url?.trim()
  if (url && !/^https?:\/\/\S+$/.test(url)) throw new TemplateMessageInvalid(`the url "${url}" is not an http(s) link`)
  return {
    touser: message.to,
    template_id: data.templateId.trim(),
    ...(url ? { url } : {}),
    client_msg_id: clientMsgId(idempotencyKey),
    data: Object.fromEntries(fields.map(([key, value]) => [key, { value }])),
  }
}
