// Output ports of a node: fixed ones from its type, or (dynamicPorts) read from its config.
// The server lists no ports for a dynamic type, so the editor finds the config fields that
// name ports (see `isPortField`) and reads their values in schema order — for a branch,
// each branch's `port` then `otherwise`, the order the node itself declares them. Where the
// server can compute a node's ports itself, useNodePorts prefers its answer.
import type { JsonSchema, NodeType } from '../api/types.ts'
import { isPortField } from './schema.ts'

function collect(schema: JsonSchema, value: unknown, key: string, out: string[]): void {
  if (value === undefined || value === null) return
  if (isPortField(key, schema) && typeof value === 'string') {
    if (value !== '' && !out.includes(value)) out.push(value)
    return
  }
  if (Array.isArray(value) && schema.items) for (const item of value) collect(schema.items, item, key, out)
  else if (typeof value === 'object' && schema.properties) {
    const record = value as Record<string, unknown>
    for (const [k, prop] of Object.entries(schema.properties)) collect(prop, record[k], k, out)
  }
}

export function portsOf(nodeType: NodeType | undefined, config: Record<string, unknown>): string[] {
  if (!nodeType) return []
  if (!nodeType.dynamicPorts) return nodeType.ports
  const out: string[] = []
  collect(nodeType.configSchema, config, '', out)
  // Nothing in the config names a port (wait.until: `next`, plus `late` when asked for): offer
  // `next` so the step can be connected until the server says more (see useNodePorts).
  return out.length > 0 ? out : ['next']
}

/** `base`, or `base2`, `base3`… whichever is not taken yet. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`
}

/** Every port-name value inside a config, for making a new one unique. */
export function portNamesIn(schema: JsonSchema, config: unknown): string[] {
  const out: string[] = []
  collect(schema, config, '', out)
  return out
}
