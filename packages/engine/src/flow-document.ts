import { Type, type Static } from 'typebox'

/**
 * Fields a caller may leave out are `Type.Optional` with a `default` (so the
 * OpenAPI lists them as optional and shows the default); validation, with
 * ajv's `useDefaults`, fills them in. The static types describe a document
 * after validation, so `Filled` makes those fields required again.
 */
type Filled<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> }

const ID = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Node id: letters, digits, _ and -' })

/** One node of a flow graph: a node type at a version, with its config and canvas position. */
export const FlowNode = Type.Object(
  {
    id: ID,
    type: Type.String({ minLength: 1 }),
    /** Node type version; the newest registered one when absent at save time. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { default: {} })),
    label: Type.Optional(Type.String({ maxLength: 120 })),
    position: Type.Optional(Type.Object({ x: Type.Number(), y: Type.Number() })),
  },
  { additionalProperties: false },
)
/** A node after validation, which fills `config` in. */
export type FlowNode = Filled<Static<typeof FlowNode>, 'config'>

/** A connection from one node's output port to another node. */
export const FlowEdge = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 128 })),
    source: Type.String({ minLength: 1 }),
    sourcePort: Type.Optional(Type.String({ minLength: 1, default: 'next' })),
    target: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
)
/** An edge after validation, which fills `sourcePort` in. */
export type FlowEdge = Filled<Static<typeof FlowEdge>, 'sourcePort'>

// Patterns, not custom formats: this schema also validates API bodies, where only standard formats exist.
const DurationText = Type.String({ pattern: '^(\\d+(ms|s|m|h|d|w))+$', description: 'A duration such as 30m, 1d or 7d' })
const TimeOfDay = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM' })

/** At most `max` marketing messages per contact within `per` (a duration), on one channel or all. */
export const FrequencyCap = Type.Object(
  { channel: Type.Optional(Type.String({ minLength: 1 })), max: Type.Integer({ minimum: 0 }), per: DurationText },
  { additionalProperties: false },
)
export type FrequencyCap = Static<typeof FrequencyCap>

/** No marketing message between `from` and `to` in the contact's timezone (may span midnight). */
export const QuietHours = Type.Object({ from: TimeOfDay, to: TimeOfDay }, { additionalProperties: false })
export type QuietHours = Static<typeof QuietHours>

/**
 * How a flow treats contacts: `reentry` once (default), always, or after a
 * cooldown (`reentryAfter`); `exitOn` events end a contact's active runs
 * wherever they are; `timezone` (IANA, default UTC) is used when a contact has
 * none; `goal` is the conversion a run is measured by; `caps`, `quietHours`
 * and `onCap` add to (or tighten) the workspace's message policies.
 */
export const FlowSettings = Type.Object(
  {
    reentry: Type.Optional(Type.Union([Type.Literal('once'), Type.Literal('always'), Type.Literal('after')], { default: 'once' })),
    reentryAfter: Type.Optional(DurationText),
    exitOn: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { default: [] })),
    timezone: Type.Optional(Type.String({ default: 'UTC' })),
    goal: Type.Optional(
      Type.Object({ event: Type.String({ minLength: 1 }), within: DurationText, where: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }, { additionalProperties: false }),
    ),
    caps: Type.Optional(Type.Array(FrequencyCap, { maxItems: 20 })),
    quietHours: Type.Optional(Type.Union([QuietHours, Type.Null()])),
    onCap: Type.Optional(Type.Union([Type.Literal('suppress'), Type.Literal('wait')])),
  },
  { additionalProperties: false },
)
/** Settings after validation, which fills `reentry`, `exitOn` and `timezone` in. */
export type FlowSettings = Filled<Static<typeof FlowSettings>, 'reentry' | 'exitOn' | 'timezone'>

/** A journey as the API accepts and returns it, and the editor draws it. */
export const FlowGraph = Type.Object(
  {
    nodes: Type.Array(FlowNode, { maxItems: 500 }),
    edges: Type.Optional(Type.Array(FlowEdge, { default: [], maxItems: 2000 })),
    settings: Type.Optional(FlowSettings),
  },
  { additionalProperties: false },
)
/** A graph after validation: every default filled in, down to each node, edge and the settings. */
export interface FlowGraph {
  nodes: FlowNode[]
  edges: FlowEdge[]
  settings?: FlowSettings
}

/** A problem found in a flow, naming the node (when there is one) and the field. */
export interface FlowProblem {
  node: string | null
  field: string
  message: string
}
