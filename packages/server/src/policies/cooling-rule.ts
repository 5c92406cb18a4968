import { FrequencyCap } from '@kairos/engine'
import type { Condition } from '@kairos/sdk'
import { Type, type Static } from 'typebox'

/**
 * Who a cooling rule covers: the members of a saved segment (by id, read when
 * a message is decided, so the segment's current condition counts) or an
 * inline condition. Exactly one of the two (policy-service.ts checks it).
 */
export const CoolingAudience = Type.Object(
  {
    segment: Type.Optional(Type.String({ format: 'uuid', description: 'A saved segment (GET /api/segments) whose members the rule covers' })),
    // Checked by segmentConditionProblems (each problem names its exact path), not by the schema.
    condition: Type.Optional(Type.Unsafe<Condition>({ type: 'object', additionalProperties: true, description: 'A condition tree: all / any / not, attribute, tag or event (docs/segments.md)' })),
  },
  { additionalProperties: false, description: 'A saved segment or a condition: exactly one' },
)
export type CoolingAudience = Static<typeof CoolingAudience>

/**
 * A cooling rule (the seeds' 冷却流程): contacts in `audience` (who complained,
 * unsubscribed from another channel, never click) get at most these caps of
 * marketing messages, in addition to the workspace's caps, which everyone
 * else keeps. A message it stops is recorded with the rule's `name` and audience.
 */
export const CoolingRule = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'Shown in suppression reasons, e.g. Complained' }),
    audience: CoolingAudience,
    caps: Type.Array(FrequencyCap, { minItems: 1, maxItems: 10, description: 'At most `max` marketing messages within `per`, on `channel` or all' }),
  },
  { additionalProperties: false },
)
export type CoolingRule = Static<typeof CoolingRule>
