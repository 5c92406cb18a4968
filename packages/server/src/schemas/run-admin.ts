import { Type, type Static } from 'typebox'
import { LIMIT } from './api.ts'

const RUN_ID = Type.String({ pattern: '^\\d{1,18}$' })
/** A duration such as `30s`, `5m`, `1h30m`, `2d` (its size is checked by parseDuration). */
const DURATION = Type.String({ pattern: '^(\\d+(ms|s|m|h|d|w))+$', maxLength: 32 })
/** Most run ids one request may name; larger selections go by flow. */
export const MAX_SELECTED_IDS = 1000

/** Why a run is listed as stuck. */
export const StuckReason = Type.Union([Type.Literal('overdue'), Type.Literal('stalled'), Type.Literal('failed')], {
  description: 'overdue: waiting past its wake time; stalled: running (due now) with no progress; failed: a step failed',
})
export type StuckReason = Static<typeof StuckReason>

export const StuckRunsQuery = Type.Object(
  {
    olderThan: Type.Optional({ ...DURATION, description: 'How late a waiting or running run must be to count as stuck (default 5m); failed runs are listed at any age' }),
    reason: Type.Optional(StuckReason),
    node: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    before: Type.Optional({ ...RUN_ID, description: 'Only runs with an id below this (paging)' }),
    limit: LIMIT,
  },
  { additionalProperties: false },
)
export type StuckRunsQuery = Static<typeof StuckRunsQuery>

export const StuckRun = Type.Object({
  id: Type.String(),
  contact: Type.String(),
  status: Type.String(),
  nodeId: Type.String(),
  reason: StuckReason,
  /** When it should have moved (wake time), last moved (stalled), or failed. */
  since: Type.String({ format: 'date-time' }),
  /** How long past `since` it is now, in seconds. */
  lateSeconds: Type.Integer(),
  /** The failing step's error, for failed runs. */
  error: Type.Union([Type.String(), Type.Null()]),
  waitingFor: Type.Union([Type.String(), Type.Null()]),
  flowVersion: Type.Integer(),
})
export type StuckRun = Static<typeof StuckRun>

export const StuckRunsReply = Type.Object({
  olderThan: Type.String(),
  /** Every stuck run of the flow by reason (not only this page), for "all matching". */
  counts: Type.Object({ overdue: Type.Integer(), stalled: Type.Integer(), failed: Type.Integer() }),
  runs: Type.Array(StuckRun),
})
export type StuckRunsReply = Static<typeof StuckRunsReply>

/**
 * Which runs a bulk action touches: a list of ids, or a flow narrowed by node,
 * status and stuckFor (only runs stuck for that long, as the stuck list shows
 * them). Both together mean the listed ids of that flow.
 */
export const RunSelector = Type.Object(
  {
    ids: Type.Optional(Type.Array(RUN_ID, { minItems: 1, maxItems: MAX_SELECTED_IDS, uniqueItems: true })),
    flowId: Type.Optional(Type.String({ format: 'uuid' })),
    node: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    status: Type.Optional(Type.Union([Type.Literal('running'), Type.Literal('waiting'), Type.Literal('failed')])),
    stuckFor: Type.Optional({ ...DURATION, description: 'Only runs stuck at least this long (waiting past wake time, running without progress) and failed runs' }),
  },
  { additionalProperties: false },
)
export type RunSelector = Static<typeof RunSelector>

export const CancelRunsReply = Type.Object({ cancelled: Type.Integer() })
export const RetryRunsReply = Type.Object({ retried: Type.Integer() })
