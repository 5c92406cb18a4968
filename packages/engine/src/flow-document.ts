import { Type, type Static } from 'typebox'

const ID = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Node id: letters, digits, _ and -' })

/** One node of a flow graph: a node type at a version, with its config and canvas position. */
export const FlowNode = Type.Object(
  {
    id: ID,
    type: Type.String({ minLength: 1 }),
    /** Node type version; the newest registered one when absent at save time. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    config: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    label: Type.Optional(Type.String({ maxLength: 120 })),
    position: Type.Optional(Type.Object({ x: Type.Number(), y: Type.Number() })),
  },
  { additionalProperties: false },
)
export type FlowNode = Static<typeof FlowNode>

/** A connection from one node's output port to another node. */
export const FlowEdge = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 128 })),
    source: Type.String({ minLength: 1 }),
    sourcePort: Type.String({ minLength: 1, default: 'next' }),
    target: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
)
export type FlowEdge = Static<typeof FlowEdge>

/**
 * How a flow treats contacts: `reentry` once (default) or always; `exitOn`
 * events end a contact's active runs wherever they are; `timezone` (IANA,
 * default UTC) is used when a contact has none.
 */
export const FlowSettings = Type.Object(
  {
    reentry: Type.Union([Type.Literal('once'), Type.Literal('always')], { default: 'once' }),
    exitOn: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    timezone: Type.String({ default: 'UTC' }),
  },
  { additionalProperties: false },
)
export type FlowSettings = Static<typeof FlowSettings>

/** A journey as the API accepts and returns it, and the editor draws it. */
export const FlowGraph = Type.Object(
  {
    nodes: Type.Array(FlowNode, { maxItems: 500 }),
    edges: Type.Array(FlowEdge, { default: [], maxItems: 2000 }),
    settings: Type.Optional(FlowSettings),
  },
  { additionalProperties: false },
)
export type FlowGraph = Static<typeof FlowGraph>

/** A problem found in a flow, naming the node (when there is one) and the field. */
export interface FlowProblem {
  node: string | null
  field: string
  message: string
}
