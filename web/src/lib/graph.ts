// Pure helpers over the flow document (the JSON the API stores), shared by the editor's composables.
import type { FlowEdge, FlowGraph, FlowNode } from '../api/types.ts'
import { uniqueName } from './ports.ts'

export function emptyGraph(): FlowGraph {
  return { nodes: [], edges: [], settings: { reentry: 'once', exitOn: [], timezone: 'UTC' } }
}

/** A readable id for a new node from its type (`send.sms` → `send_sms`, `send_sms2`…). */
export function newNodeId(graph: FlowGraph, type: string): string {
  const base = type.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 56) || 'node'
  return uniqueName(base, graph.nodes.map((n) => n.id))
}

/** Edge id on the canvas; the document's edges need none. */
export function edgeKey(edge: Pick<FlowEdge, 'source' | 'sourcePort' | 'target'>): string {
  return `${edge.source}:${edge.sourcePort ?? 'next'}->${edge.target}`
}

/** The key live stats use for an edge's traffic. */
export function trafficKey(edge: Pick<FlowEdge, 'source' | 'sourcePort'>): string {
  return `${edge.source}:${edge.sourcePort ?? 'next'}`
}

function essence(graph: FlowGraph) {
  const node = (n: FlowNode) => ({ id: n.id, type: n.type, label: n.label ?? '', config: n.config ?? {} })
  return {
    nodes: [...graph.nodes].map(node).sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...(graph.edges ?? [])].map((e) => edgeKey(e)).sort(),
    settings: graph.settings ?? {},
  }
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

/** Same journey, ignoring positions and pinned node versions (publishing pins them). */
export function sameJourney(a: FlowGraph, b: FlowGraph): boolean {
  return stable(essence(a)) === stable(essence(b))
}

/**
 * A published version's graph as a new draft. Node versions stay pinned: the draft keeps
 * the node behaviour that version was published with until someone swaps a node.
 */
export function asDraft(graph: FlowGraph): FlowGraph {
  const copy = JSON.parse(JSON.stringify(graph)) as FlowGraph // a copy, never the reactive original
  return { ...copy, edges: copy.edges ?? [] }
}
