/** One changed value: where, what it was, what it became (absent sides are left out). */
export interface Change {
  path: string
  from?: unknown
  to?: unknown
}

/** A diff stops listing after this many changes, so one huge edit cannot bloat the audit table. */
const MAX_CHANGES = 100
/** Values longer than this (as JSON) are cut, with a note; a diff says what changed, not a copy. */
const MAX_VALUE_CHARS = 500

function clip(value: unknown): unknown {
  if (value === undefined) return undefined
  const text = JSON.stringify(value)
  return text !== undefined && text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} characters)` : value
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Arrays of objects that each have an `id` (flow nodes) are matched by id, not by position. */
function byId(list: unknown[]): Map<string, unknown> | null {
  const map = new Map<string, unknown>()
  for (const item of list) {
    if (!isObject(item) || typeof item.id !== 'string' || map.has(item.id)) return null
    map.set(item.id, item)
  }
  return map
}

/**
 * The changes from `before` to `after`, path by path (`graph.nodes[wait].config.for`).
 * Iterative over an explicit stack, so any depth the API accepted diffs without recursion.
 */
export function jsonDiff(before: unknown, after: unknown): Change[] {
  const changes: Change[] = []
  const stack: Array<[string, unknown, unknown]> = [['', before, after]]
  while (stack.length > 0 && changes.length < MAX_CHANGES) {
    const [path, a, b] = stack.pop()!
    if (Object.is(a, b)) continue
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().reverse()
      for (const key of keys) stack.push([path ? `${path}.${key}` : key, a[key], b[key]])
      continue
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const left = byId(a)
      const right = byId(b)
      if (left && right) {
        const ids = [...new Set([...left.keys(), ...right.keys()])].reverse()
        for (const id of ids) stack.push([`${path}[${id}]`, left.get(id), right.get(id)])
      } else if (JSON.stringify(a) !== JSON.stringify(b)) {
        for (let i = Math.max(a.length, b.length) - 1; i >= 0; i--) stack.push([`${path}[${i}]`, a[i], b[i]])
      }
      continue
    }
    if (JSON.stringify(a) === JSON.stringify(b)) continue
    const change: Change = { path }
    if (a !== undefined) change.from = clip(a)
    if (b !== undefined) change.to = clip(b)
    changes.push(change)
  }
  if (stack.length > 0) changes.push({ path: '…', to: 'more changes not listed' })
  return changes
}
