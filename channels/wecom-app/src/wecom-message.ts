import type { ChannelMessage } from '@kairos/sdk'

/** WeCom's message types Kairos sends: text, markdown, and a text card (a title, a description and a link). */
export const WECOM_MSGTYPES = ['text', 'markdown', 'textcard'] as const
export type WecomMsgtype = (typeof WECOM_MSGTYPES)[number]

/** What a node puts in `data` for a wecom.app message: its type, and a text card's title, link and button. */
export interface WecomMessageData {
  msgtype?: WecomMsgtype
  title?: string
  url?: string
  btntxt?: string
}

/** Thrown for a message WeCom would refuse, before anything is sent. */
export class WecomMessageInvalid extends Error {
  override name = 'WecomMessageInvalid'
}

const utf8 = new TextEncoder()
const bytes = (text: string) => utf8.encode(text).length

/**
 * Cuts `text` to at most `max` UTF-8 bytes at a character boundary: WeCom
 * cuts a too-long title or description itself, but may cut inside a Chinese
 * character; cutting here keeps the text readable.
 */
export function cutToBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text
  let out = ''
  for (const ch of text) {
    if (bytes(out + ch) > max) break
    out += ch
  }
  return out
}

/** Content of text and markdown messages at most (bytes); WeCom refuses longer ones. */
export const CONTENT_MAX_BYTES = 2048

/**
 * The `msgtype` part of `POST /cgi-bin/message/send`: `{ msgtype, text: { content } }`,
 * `{ msgtype, markdown: { content } }` or `{ msgtype, textcard: { title, description, url, btntxt? } }`
 * (title 128 bytes, description 512, url 2048 with http(s), button 4 characters).
 * The message's body is the content, or the card's description.
 */
export function wecomPayload(message: Pick<ChannelMessage, 'body' | 'data'>): Record<string, unknown> {
  const data = (message.data ?? {}) as WecomMessageData
  const msgtype = data.msgtype ?? 'text'
  if (!WECOM_MSGTYPES.includes(msgtype)) throw new WecomMessageInvalid(`msgtype "${String(msgtype)}" is not one of ${WECOM_MSGTYPES.join(', ')}`)
  if (message.body.trim() === '') throw new WecomMessageInvalid(msgtype === 'textcard' ? 'the card has no description' : 'the message is empty')
  if (msgtype !== 'textcard') {
    if (bytes(message.body) > CONTENT_MAX_BYTES) throw new WecomMessageInvalid(`the ${msgtype} content is ${bytes(message.body)} bytes; WeCom takes at most ${CONTENT_MAX_BYTES}`)
    return { msgtype, [msgtype]: { content: message.body } }
  }
  const title = data.title?.trim() ?? ''
  if (title === '') throw new WecomMessageInvalid('the card has no title')
  const url = data.url?.trim() ?? ''
  if (!/^https?:\/\/\S+$/.test(url) || bytes(url) > 2048) throw new WecomMessageInvalid('the card\'s url must be an http(s) link of at most 2048 bytes')
  const btntxt = data.btntxt?.trim()
  return {
    msgtype,
    textcard: {
      title: cutToBytes(title, 128),
      description: cutToBytes(message.body, 512),
      url,
      ...(btntxt ? { btntxt: [...btntxt].slice(0, 4).join('') } : {}),
    },
  }
}
