import { REFERENCE_KINDS, type ReferenceKind } from './starter-file.ts'

/** A `$channel:` / `$pool:` / `$segment:` placeholder found in a starter's graph, by node and field. */
export interface ReferenceUse {
  kind: ReferenceKind
  key: string
  node: string
  /** The config path, as publish problems name it: `config.channel`. */
  field: string
}

const TEXT = /^\$text:(.+)$/
const REFERENCE = new RegExp(`^\\$(${REFERENCE_KINDS.join('|')}):(.+)$`)

/** What a string value of a starter's graph stands for, if it is a placeholder. */
export function parsePlaceholder(value: string): { text: string } | { kind: ReferenceKind; key: string } | null {
  const text = TEXT.exec(value)
  if (text) return { text: text[1] }
  const reference = REFERENCE.exec(value)
  return reference ? { kind: reference[1] as ReferenceKind, key: reference[2] } : null
}

/**
 * A deep copy of `value` with every string passed through `replace(value, path)`;
 * a replacement of `undefined` drops the property (or the array item). Paths are
 * written as publish problems write them: `config.task.title`, `edges[2]`.
 */
export function mapStrings(value: unknown, replace: (text: string, path: string) => unknown, path = ''): unknown {
  if (typeof value === 'string') return replace(value, path)
  if (Array.isArray(value))
    return value.map((item, i) => mapStrings(item, replace, `${path}[${i}]`)).filter((item) => item !== undefined)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const mapped = mapStrings(item, replace, path ? `${path}.${key}` : key)
      if (mapped !== undefined) out[key] = mapped
    }
    return out
  }
  return value
}

/** Every reference placeholder in a starter graph's nodes, in node order. */
export function referenceUses(graph: { nodes: unknown[] }): ReferenceUse[] {
  const uses: ReferenceUse[] = []
  for (const node of graph.nodes as Array<{ id: string; config?: unknown }>)
    mapStrings(node.config ?? {}, (text, path) => {
      const found = parsePlaceholder(text)
      if (found && 'kind' in found) uses.push({ kind: found.kind, key: found.key, node: node.id, field: `config.${path}` })
      return text
    })
  return uses
}
