import { Type, type Static } from 'typebox'

/** Segment's documented limits: 32 KB per message (a call, or one item of a batch), 500 KB per batch request. */
export const TRACK_MESSAGE_BYTES = 32 * 1024
export const TRACK_BATCH_BYTES = 500 * 1024
/** Messages one batch may carry (at 32 KB the byte limit comes first; tiny messages stop here). */
export const MAX_TRACK_BATCH = 1000

const ID = Type.String({ minLength: 1, maxLength: 200 })
/** Segment's libraries send ids as strings; a number (`userId: 42`) is taken as its decimal text. */
const USER_ID = Type.Union([ID, Type.Integer()], { description: "The contact's external id" })
const TIME = Type.String({ format: 'date-time' })
const OBJECT = Type.Record(Type.String(), Type.Unknown())

/**
 * What every Segment message may carry. Fields Kairos does not use (`integrations`,
 * `channel`, `version`, `_metadata`, …) are allowed and ignored, as a CDP forwarding its
 * stream sends them; the ones it uses are type-checked.
 */
const Common = {
  userId: Type.Optional(USER_ID),
  anonymousId: Type.Optional(Type.Union([ID, Type.Integer()], { description: 'The visitor id a browser made up; userId or anonymousId is required' })),
  messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Idempotency id: a repeat is accepted and ignored' })),
  timestamp: Type.Optional(TIME),
  originalTimestamp: Type.Optional(TIME),
  sentAt: Type.Optional(TIME),
  context: Type.Optional(OBJECT),
  integrations: Type.Optional(OBJECT),
  writeKey: Type.Optional(Type.String({ description: 'The public key, for senders that cannot set Authorization (sendBeacon)' })),
}

export const TrackBody = Type.Object({ ...Common, event: Type.String({ minLength: 1, maxLength: 200 }), properties: Type.Optional(OBJECT) })
export type TrackBody = Static<typeof TrackBody>

export const IdentifyBody = Type.Object({ ...Common, traits: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown())) })
export type IdentifyBody = Static<typeof IdentifyBody>

/** The message types a batch may hold; `page` and `screen` are events named page_viewed / screen_viewed. */
export const TRACK_TYPES = ['track', 'identify', 'page', 'screen'] as const
export type TrackType = (typeof TRACK_TYPES)[number]

/** One item of a batch: the type decides which fields are required (checked in code, so the error names the item). */
export const BatchItem = Type.Object({
  ...Common,
  // One enum, so a wrong type is one error ("must be equal to one of the allowed values"), not one per type.
  type: Type.Unsafe<TrackType>({ type: 'string', enum: [...TRACK_TYPES], description: TRACK_TYPES.join(' | ') }),
  event: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  properties: Type.Optional(OBJECT),
  traits: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown())),
})
export type BatchItem = Static<typeof BatchItem>

export const BatchBody = Type.Object({
  batch: Type.Array(BatchItem, { minItems: 1, maxItems: MAX_TRACK_BATCH }),
  sentAt: Type.Optional(TIME),
  context: Type.Optional(OBJECT),
  integrations: Type.Optional(OBJECT),
  writeKey: Type.Optional(Type.String()),
})
export type BatchBody = Static<typeof BatchBody>

/** Segment's answer to an accepted call. */
export const TrackReply = Type.Object({ success: Type.Literal(true) })
