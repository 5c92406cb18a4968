// What the draft changes against the published version, as a person reviews it before
// publishing: steps added, removed and changed (which fields), connections added and removed,
// journey settings changed. Positions and pinned node versions are not changes (see sameJourney).
import type { FlowGraph, FlowNode } from '../api/types.ts'
import { edgeKey } from './graph.ts'

export interface GraphDiff {
  added: FlowNode[]
  removed: FlowNode[]
  changed: Array<{ node: FlowNode; fields: string[] }>
  edgesAdded: number
  edgesRemoved: number
  settings: string[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b))
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]))
  return value
}

/** The keys of two objects whose values differ; a key left out counts as its default (`fallback`). */
function differentKeys(a: Record<string, unknown> = {}, b: Record<string, unknown> = {}, fallback: (key: string) => unknown = () => undefined): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !same(a[k] ?? fallback(k), b[k] ?? fallback(k))).sort()
}

/**
 * The draft's changes against the published graph. Publishing fills config defaults in (the
 * server stores `mentionOwner: true` where the draft left it out): `defaultOf` gives a field's
 * default, so a filled-in default is not a change.
 */
export function diffGraphs(published: FlowGraph, draft: FlowGraph, defaultOf: (node: FlowNode, key: string) => unknown = () => undefined): GraphDiff {
  const before = new Map(published.nodes.map((n) => [n.id, n]))
  const after = new Map(draft.nodes.map((n) => [n.id, n]))
  const changed: GraphDiff['changed'] = []
  for (const node of draft.nodes) {
    const old = before.get(node.id)
    if (!old) continue
    const fields = differentKeys(old.config, node.config, (k) => defaultOf(node, k)).map((k) => `config.${k}`)
    if ((old.label ?? '') !== (node.label ?? '')) fields.unshift('label')
    if (old.type !== node.type) fields.unshift('type')
    if (fields.length) changed.push({ node, fields })
  }
  const edgesBefore = new Set((published.edges ?? []).map(edgeKey))
  const edgesAfter = new Set((draft.edges ?? []).map(edgeKey))
  return {
    added: draft.nodes.filter((n) => !before.has(n.id)),
    removed: published.nodes.filter((n) => !after.has(n.id)),
    changed,
    edgesAdded: [...edgesAfter].filter((e) => !edgesBefore.has(e)).length,
    edgesRemoved: [...edgesBefore].filter((e) => !edgesAfter.has(e)).length,
    settings: differentKeys(published.settings as Record<string, unknown>, draft.settings as Record<string, unknown>),
  }
}

export const isEmptyDiff = (d: GraphDiff) =>
  d.added.length + d.removed.length + d.changed.length + d.edgesAdded + d.edgesRemoved + d.settings.length === 0
