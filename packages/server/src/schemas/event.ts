import { Type } from 'typebox'

/** What ingesting a batch of events did. */
export const IngestReply = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer({ description: 'Repeated idempotency ids, accepted and ignored' }),
  runsStarted: Type.Integer(),
  runsResumed: Type.Integer(),
  runsExited: Type.Integer(),
  runsConverted: Type.Integer({ description: 'Runs whose flow goal this batch met' }),
})
