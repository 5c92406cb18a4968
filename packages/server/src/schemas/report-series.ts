import { Type, type Static } from 'typebox'
import { DateTime, OneOf } from './reply-fields.ts'

/** `GET /api/flows/:id/report/series`: the range (default the last 30 days) and the width of a point. */
export const SeriesQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Start of the range, inclusive (default: 30 days before `to`)' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'End of the range, exclusive (default: now)' })),
    bucket: Type.Optional(OneOf(['hour', 'day'], { description: "One point per hour or per day of the journey's timezone (default: hour for a range of 2 days or less, else day)" })),
  },
  { additionalProperties: false },
)
export type SeriesQuery = Static<typeof SeriesQuery>

/** Entries and goal conversions of a journey per hour or day, every bucket of the range present (zeros included). */
export const FlowSeries = Type.Object({
  flowId: Type.String(),
  from: DateTime,
  to: DateTime,
  bucket: OneOf(['hour', 'day']),
  timezone: Type.String({ description: "The IANA zone buckets start in: the live version's, else the draft's" }),
  points: Type.Array(
    Type.Object({
      start: Type.String({ format: 'date-time', description: 'Where the bucket starts (a local midnight or hour), in UTC' }),
      entries: Type.Integer({ description: 'Runs that entered in the bucket' }),
      conversions: Type.Integer({ description: 'Runs that reached the goal in the bucket, whenever they entered' }),
    }),
  ),
})
