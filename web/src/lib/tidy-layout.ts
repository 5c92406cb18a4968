// "Tidy up": steps top to bottom by their depth in the journey (the longest path from a
// trigger), each row ordered so a step sits under the step (and, among siblings, the port) it
// comes from. Journeys are small trees with a few joins; a layered layout of this
// kind reads as the operator drew it, and needs no layout library in the editor's bundle.
import type { FlowGraph } from '../api/types.ts'
import { NODE_HEIGHT } from './canvas-geometry.ts'

const ROW_GAP = 72
const COLUMN_GAP = 48

export interface Box {
  width: number
  /** Source ports in their order left to right, so children follow them. */
  ports: string[]
}

/** New positions for every step of `graph`; `box` gives each step's width and ports. */
export function tidyLayout(graph: FlowGraph, box: (id: string) => Box): Map<string, { x: number; y: number }> {
  const ids = graph.nodes.map((n) => n.id)
  const out = new Map<string, Array<{ target: string; port: string }>>()
  const incoming = new Map<string, number>(ids.map((id) => [id, 0]))
  for (const e of graph.edges ?? []) {
    if (!incoming.has(e.source) || !incoming.has(e.target)) continue
    ;(out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push({ target: e.target, port: e.sourcePort ?? 'next' })
    incoming.set(e.target, incoming.get(e.target)! + 1)
  }

  // Depth = longest path from a root; an edge back up a loop (to a step on the current path) is ignored.
  const depth = new Map<string, number>()
  const onPath = new Set<string>()
  const visit = (id: string, d: number) => {
    if (onPath.has(id) || (depth.get(id) ?? -1) >= d) return
    depth.set(id, d)
    onPath.add(id)
    for (const { target } of out.get(id) ?? []) visit(target, d + 1)
    onPath.delete(id)
  }
  const byOldPosition = (a: string, b: string) => {
    const pa = graph.nodes.find((n) => n.id === a)?.position
    const pb = graph.nodes.find((n) => n.id === b)?.position
    return (pa?.x ?? 0) - (pb?.x ?? 0) || (pa?.y ?? 0) - (pb?.y ?? 0)
  }
  const roots = ids.filter((id) => incoming.get(id) === 0).sort(byOldPosition)
  for (const root of roots) visit(root, 0)
  // Steps only reachable through a loop: under everything else.
  for (const id of ids) if (!depth.has(id)) visit(id, Math.max(0, ...depth.values()) + 1)

  const rows: string[][] = []
  for (const id of ids) (rows[depth.get(id)!] ??= []).push(id)
  const centre = new Map<string, number>()
  const at = new Map<string, { x: number; y: number }>()
  rows.forEach((row, level) => {
    // Where each step would like to be: under its parents' ports (their average), else where it was.
    const wish = new Map<string, number>()
    for (const id of row) {
      const spots: number[] = []
      for (const [source, edges] of out) {
        if (!centre.has(source)) continue
        const { width, ports } = box(source)
        for (const e of edges) {
          if (e.target !== id) continue
          // An only child goes straight under its parent (a chain stays one column, however many
          // ports each step has); siblings spread under their ports, left to right.
          const i = Math.max(0, ports.indexOf(e.port))
          spots.push(edges.length === 1 ? centre.get(source)! : centre.get(source)! - width / 2 + ((i + 1) * width) / (ports.length + 1))
        }
      }
      wish.set(id, spots.length ? spots.reduce((a, b) => a + b, 0) / spots.length : Number.NaN)
    }
    const sorted = [...row].sort((a, b) => {
      const wa = wish.get(a)!
      const wb = wish.get(b)!
      if (Number.isNaN(wa) || Number.isNaN(wb)) return Number.isNaN(wa) && Number.isNaN(wb) ? byOldPosition(a, b) : Number.isNaN(wa) ? 1 : -1
      return wa - wb
    })
    // Packed left to right at the wished places, pushed right where they would overlap, then the row
    // shifted so it sits centred on its wishes (a lone child lands exactly under its port).
    let cursor = -Infinity
    const placed: Array<{ id: string; x: number }> = []
    for (const id of sorted) {
      const { width } = box(id)
      // A step with no parent placed yet goes right after the last one (the first at 0).
      const wanted = Number.isNaN(wish.get(id)!) ? (cursor === -Infinity ? width / 2 : cursor + width / 2) : wish.get(id)!
      const x = cursor === -Infinity ? wanted : Math.max(wanted, cursor + width / 2)
      placed.push({ id, x })
      cursor = x + width / 2 + COLUMN_GAP
    }
    const wishes = placed.filter((p) => !Number.isNaN(wish.get(p.id)!))
    const shift = wishes.length
      ? wishes.reduce((s, p) => s + (wish.get(p.id)! - p.x), 0) / wishes.length
      : -(placed[0].x + placed[placed.length - 1].x) / 2
    for (const p of placed) {
      centre.set(p.id, p.x + shift)
      at.set(p.id, { x: Math.round((p.x + shift - box(p.id).width / 2) / 10) * 10, y: level * (NODE_HEIGHT + ROW_GAP) })
    }
  })
  return at
}
