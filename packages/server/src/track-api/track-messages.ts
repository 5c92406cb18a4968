import { KairosError, type ErrorDetail } from '../errors.ts'
import { TRACK_MESSAGE_BYTES, type BatchItem } from '../schemas/track.ts'

/** Who a message is about: the contact's external id, the browser's anonymous id, or both. */
export interface Who {
  userId?: string
  anonymousId?: string
}

/** A Segment message as Kairos applies it: an event for a contact or visitor, or an identify. */
export type TrackMessage =
  | { kind: 'event'; who: Who; name: string; properties: Record<string, unknown>; messageId?: string; occurredAt: string }
  | { kind: 'identify'; who: Who; traits: Record<string, unknown>; /** Where the traits are in the request (`body.traits`, `body.batch[2].traits`), for errors. */ field: string }

/** Event names the page and screen calls become (their `name` goes into the properties). */
export const PAGE_EVENT = 'page_viewed'
export const SCREEN_EVENT = 'screen_viewed'

const idText = (id: string | number | undefined) => (id === undefined ? undefined : String(id))

/**
 * When the message happened, as Segment reads it: `timestamp` if the sender set it; else
 * the client's `originalTimestamp` corrected by the client's clock error (`sentAt` against
 * the time Kairos received the request), so a phone set an hour wrong still files events at
 * the right time; else the time received.
 */
export function occurredAt(item: Pick<BatchItem, 'timestamp' | 'originalTimestamp' | 'sentAt'>, receivedAt: Date, batchSentAt?: string): string {
  if (item.timestamp) return new Date(item.timestamp).toISOString()
  const sentAt = item.sentAt ?? batchSentAt
  if (item.originalTimestamp) {
    const original = new Date(item.originalTimestamp).getTime()
    const skew = sentAt ? new Date(sentAt).getTime() - receivedAt.getTime() : 0
    return new Date(original - skew).toISOString()
  }
  return receivedAt.toISOString()
}

/**
 * Turns validated Segment items into messages, checking what the schema cannot say per type:
 * an id (userId or anonymousId), `event` on a track, the 32 KB per message, times within
 * 1970–9999. Every problem of the whole request is reported at once, each naming its field
 * (`body.batch[3].event`); nothing is applied when any is wrong.
 */
export function toMessages(items: BatchItem[], options: { prefix: (i: number) => string; receivedAt: Date; sentAt?: string }): TrackMessage[] {
  const problems: ErrorDetail[] = []
  const messages = items.map((item, i): TrackMessage => {
    const at = options.prefix(i)
    const who: Who = { userId: idText(item.userId), anonymousId: idText(item.anonymousId) }
    if (who.userId === undefined && who.anonymousId === undefined) problems.push({ field: `${at}.userId`, message: 'userId or anonymousId is required' })
    if (Buffer.byteLength(JSON.stringify(item)) > TRACK_MESSAGE_BYTES)
      problems.push({ field: at || 'body', message: `is larger than ${TRACK_MESSAGE_BYTES / 1024} KB (the limit per message)` })
    for (const field of ['timestamp', 'originalTimestamp', 'sentAt'] as const) {
      const value = item[field]
      if (value === undefined) continue
      const year = new Date(value).getUTCFullYear()
      if (!(year >= 1970 && year <= 9999)) problems.push({ field: `${at}.${field}`, message: 'must be a date between 1970 and 9999' })
    }
    if (item.type === 'identify') return { kind: 'identify', who, traits: item.traits ?? {}, field: `${at}.traits` }
    let name: string
    let properties = item.properties ?? {}
    if (item.type === 'track') {
      if (item.event === undefined) problems.push({ field: `${at}.event`, message: 'is required for a track call' })
      name = item.event ?? ''
    } else {
      name = item.type === 'page' ? PAGE_EVENT : SCREEN_EVENT
      if (item.name !== undefined) properties = { name: item.name, ...properties }
    }
    return { kind: 'event', who, name, properties, messageId: item.messageId, occurredAt: problems.length > 0 ? '' : occurredAt(item, options.receivedAt, options.sentAt) }
  })
  if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', `${problems[0].field} ${problems[0].message}`, problems)
  return messages
}
