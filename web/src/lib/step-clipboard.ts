// Copy and paste of steps: the copied steps with the edges between them, kept in this browser
// (localStorage) so a step copied in one journey pastes into another. A paste gets new ids
// (the copies of two linked steps stay linked) and lands offset from the originals.
import type { FlowEdge, FlowGraph, FlowNode } from '../api/types.ts'
import { newNodeId } from './graph.ts'

const KEY = 'kairos.clipboard.steps'
const OFFSET = 40

export interface CopiedSteps {
  kairos: 'steps'
  nodes: FlowNode[]
  edges: FlowEdge[]
}

/** The steps `ids` of `graph` and the edges among them, as a copy independent of the graph. */
export function copySteps(graph: FlowGraph, ids: string[]): CopiedSteps | null {
  const chosen = new Set(ids)
  const nodes = graph.nodes.filter((n) => chosen.has(n.id))
  if (nodes.length === 0) return null
  const edges = (graph.edges ?? []).filter((e) => chosen.has(e.source) && chosen.has(e.target))
  // Through JSON: the graph is reactive, and structuredClone refuses proxies.
  return JSON.parse(JSON.stringify({ kairos: 'steps', nodes, edges })) as CopiedSteps
}

export function keepCopy(copy: CopiedSteps): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(copy))
  } catch {
    // Storage full or disabled: the copy lives as long as this page does (see lastCopy).
  }
  lastCopy = copy
}

let lastCopy: CopiedSteps | null = null

/** What was copied last: in this browser, else on this page. */
export function readCopy(): CopiedSteps | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as CopiedSteps | null
    if (stored?.kairos === 'steps' && Array.isArray(stored.nodes)) return stored
  } catch {
    // Not ours or not JSON: fall back to this page's copy.
  }
  return lastCopy
}

/** The copy's steps and edges with ids new in `graph`, moved down-right until no copy covers a step. */
export function pastedSteps(graph: FlowGraph, copy: CopiedSteps): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const taken = new Set(graph.nodes.map((n) => `${n.position?.x ?? 0},${n.position?.y ?? 0}`))
  const covers = (times: number) => copy.nodes.some((n) => taken.has(`${(n.position?.x ?? 0) + OFFSET * times},${(n.position?.y ?? 0) + OFFSET * times}`))
  let times = 1
  while (covers(times) && times < 50) times++
  const names = { ...graph, nodes: [...graph.nodes] }
  const ids = new Map<string, string>()
  const nodes = copy.nodes.map((node) => {
    const id = newNodeId(names, node.type)
    ids.set(node.id, id)
    const copyOf: FlowNode = JSON.parse(JSON.stringify({ ...node, id }))
    copyOf.position = { x: (node.position?.x ?? 0) + OFFSET * times, y: (node.position?.y ?? 0) + OFFSET * times }
    names.nodes.push(copyOf)
    return copyOf
  })
  const edges = copy.edges.map((e) => ({ ...e, source: ids.get(e.source)!, target: ids.get(e.target)! }))
  return { nodes, edges }
}
