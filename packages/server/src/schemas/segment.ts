import type { Condition } from '@kairos/sdk'
import { Type } from 'typebox'
import { Contact } from './contact.ts'
import { DateTime } from './reply-fields.ts'

/** A condition tree as stored (checked on the way in by segmentConditionProblems; see docs/segments.md). */
export const StoredCondition = Type.Unsafe<Condition>({ type: 'object', additionalProperties: true, description: 'A condition tree: all / any / not, attribute, tag or event' })

export const Segment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  condition: StoredCondition,
  createdAt: DateTime,
  updatedAt: DateTime,
})

export const SegmentList = Type.Object({ segments: Type.Array(Segment) })

/** How many contacts a condition selects, and the newest few of them. */
export const AudiencePreview = Type.Object({ count: Type.Integer(), sample: Type.Array(Contact) })
