/** Canvas spacing of an imported starter: rows of steps, top to bottom. */
const ROW = 170
const COLUMN = 300

/**
 * Positions for a starter's steps, so an imported draft opens tidy: each step
 * one row below the lowest step leading to it (longest path from the trigger);
 * a row's steps side by side around the steps that lead to them, in the order
 * of the edges that reach them (a branch's first port on the left), so a
 * straight run of steps stays in one column. Starters have no loops; an edge
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
  const firstEdge = (id: string) => edges.findIndex((e) => e.target === id)
  for (const index of [...rows.keys()].sort((a, b) => a - b)) {
    // Where the steps leading to each member stand (placed already: they are in rows above).
    const parentX = (id: string) => {
      const xs = edges.filter((e) => e.target === id && positions.has(e.source)).map((e) => positions.get(e.source)!.x)
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0
    }
    const members = rows.get(index)!.sort((a, b) => parentX(a) - parentX(b) || firstEdge(a) - firstEdge(b))
    const centre = members.reduce((sum, id) => sum + parentX(id), 0) / members.length
    members.forEach((id, i) => positions.set(id, { x: Math.round(centre + (i - (members.length - 1) / 2) * COLUMN), y: index * ROW }))
  }
  return positions
}
