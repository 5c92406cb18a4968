/** Canvas spacing of an imported starter: rows of steps, top to bottom. */
const ROW = 170
const COLUMN = 300

/**
 * Positions for a starter's steps, so an imported draft opens tidy: each step
 * one row below the lowest step leading to it (longest path from the trigger),
 * steps sharing a row side by side, centred. Starters have no loops; an edge
 * that would close one is ignored here (it does not move its target up).
 */
export function layoutNodes(ids: string[], edges: Array<{ source: string; target: string }>): Map<string, { x: number; y: number }> {
  const row = new Map(ids.map((id) => [id, 0]))
  // Relax at most once per node: enough for the longest path of a graph without cycles.
  for (let pass = 0; pass < ids.length; pass++) {
    let moved = false
    for (const { source, target } of edges) {
      const next = (row.get(source) ?? 0) + 1
      if (row.has(target) && next > row.get(target)! && next < ids.length) {
        row.set(target, next)
        moved = true
      }
    }
    if (!moved) break
  }
  const rows = new Map<number, string[]>()
  for (const id of ids) rows.set(row.get(id)!, [...(rows.get(row.get(id)!) ?? []), id])
  const positions = new Map<string, { x: number; y: number }>()
  for (const [index, members] of rows)
    members.forEach((id, i) => positions.set(id, { x: Math.round((i - (members.length - 1) / 2) * COLUMN), y: index * ROW }))
  return positions
}
