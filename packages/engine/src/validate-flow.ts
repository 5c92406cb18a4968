import { portsOf, validateAgainstSchema, type AnyNodeDefinition } from '@kairos/sdk'
import { FlowGraph, type FlowProblem } from './flow-document.ts'
import type { NodeRegistry } from './registry.ts'
import { findCycles } from './graph-cycles.ts'

function isTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/**
 * Checks a flow document (as the API received it) and lists every problem at
 * once: the document's shape, unknown node types, configs failing their
 * schema or checks, dangling edges, unknown ports, a missing trigger,
 * unreachable nodes and loops without a wait. Applies schema defaults in place.
 */
export function validateFlow(document: unknown, registry: NodeRegistry): FlowProblem[] {
  const shape = validateAgainstSchema(FlowGraph, document, 'graph')
  if (shape.length > 0) return shape.map((p) => ({ node: nodeIdAt(document, p.field), field: p.field, message: p.message }))
  const graph = document as FlowGraph
  const problems: FlowProblem[] = []
  const definitions = new Map<string, AnyNodeDefinition>()
  const ports = new Map<string, string[]>()

  const ids = new Set<string>()
  for (const node of graph.nodes) {
    if (ids.has(node.id)) problems.push({ node: node.id, field: 'id', message: `node id "${node.id}" is used twice` })
    ids.add(node.id)
    const definition = registry.get(node.type, node.version)
    if (!definition) {
      const known = registry.get(node.type)
      problems.push({
        node: node.id,
        field: known ? 'version' : 'type',
        message: known ? `node type "${node.type}" has no version ${node.version}` : `unknown node type "${node.type}"`,
      })
      continue
    }
    definitions.set(node.id, definition)
    // The node type's own code (validate, ports) is a plugin's: if it throws, that is a problem on this node, not a crash.
    try {
      const configProblems = validateAgainstSchema(definition.config, node.config, 'config')
      if (configProblems.length === 0) configProblems.push(...(definition.validate?.(node.config) ?? []))
      for (const p of configProblems) problems.push({ node: node.id, ...p })
      if (configProblems.length === 0) ports.set(node.id, portsOf(definition, node.config))
    } catch (error) {
      problems.push({ node: node.id, field: 'config', message: `node type ${node.type} could not check this config: ${(error as Error).message}` })
    }
  }

  const settings = graph.settings
  if (settings && !isTimezone(settings.timezone))
    problems.push({ node: null, field: 'settings.timezone', message: `"${settings.timezone}" is not a known IANA timezone` })
  if (settings?.reentry === 'after' && !settings.reentryAfter)
    problems.push({ node: null, field: 'settings.reentryAfter', message: 'is required when reentry is "after" (e.g. 30d)' })
  // A yearly date (a birthday) enters each contact every year; "once" would let them in the first year only.
  for (const node of graph.nodes) {
    const trigger = definitions.get(node.id)?.trigger
    if (trigger?.kind !== 'date' || !ports.has(node.id) || (settings?.reentry ?? 'once') !== 'once') continue
    if (trigger.date(node.config).repeat === 'yearly')
      problems.push({
        node: node.id,
        field: 'settings.reentry',
        message: 'a yearly date trigger needs reentry "always" or "after" (e.g. 300d): with "once" a contact enters in the first year only',
      })
  }

  const outgoing = new Map<string, string[]>()
  const usedPorts = new Set<string>()
  graph.edges.forEach((edge, i) => {
    const field = `edges[${i}]`
    if (!ids.has(edge.source)) problems.push({ node: null, field: `${field}.source`, message: `edge starts at unknown node "${edge.source}"` })
    if (!ids.has(edge.target)) problems.push({ node: edge.source, field: `${field}.target`, message: `edge goes to unknown node "${edge.target}"` })
    const sourcePorts = ports.get(edge.source)
    if (sourcePorts && !sourcePorts.includes(edge.sourcePort))
      problems.push({
        node: edge.source,
        field: `${field}.sourcePort`,
        message: `node has no port "${edge.sourcePort}" (ports: ${sourcePorts.join(', ') || 'none'})`,
      })
    const key = `${edge.source}:${edge.sourcePort}`
    if (usedPorts.has(key)) problems.push({ node: edge.source, field: `${field}.sourcePort`, message: `port "${edge.sourcePort}" is connected twice` })
    usedPorts.add(key)
    if (definitions.get(edge.target)?.category === 'trigger')
      problems.push({ node: edge.target, field: `${field}.target`, message: 'a trigger starts the journey; nothing may lead into it' })
    if (ids.has(edge.source) && ids.has(edge.target)) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge.target])
  })

  const triggers = graph.nodes.filter((n) => definitions.get(n.id)?.category === 'trigger').map((n) => n.id)
  if (triggers.length === 0 && graph.nodes.every((n) => definitions.has(n.id) || !registry.get(n.type)))
    problems.push({ node: null, field: 'nodes', message: 'a flow needs a trigger node to start it' })

  const reached = new Set<string>(triggers)
  const queue = [...triggers]
  while (queue.length > 0) for (const next of outgoing.get(queue.shift()!) ?? []) if (!reached.has(next)) reached.add(next), queue.push(next)
  if (triggers.length > 0)
    for (const node of graph.nodes)
      if (!reached.has(node.id)) problems.push({ node: node.id, field: 'id', message: 'no trigger leads to this node' })

  for (const cycle of findCycles([...ids], outgoing))
    if (!cycle.some((id) => definitions.get(id)?.category === 'wait'))
      problems.push({
        node: cycle[0],
        field: 'edges',
        message: `loop ${[...cycle, cycle[0]].join(' → ')} has no wait; a contact would spin in it forever`,
      })
  return problems
}

/** Maps a schema problem at `graph.nodes[3]…` to that node's id, when it has one. */
function nodeIdAt(document: unknown, field: string): string | null {
  const match = /^graph\.nodes\[(\d+)\]/.exec(field)
  if (!match) return null
  const node = (document as { nodes?: Array<{ id?: unknown }> })?.nodes?.[Number(match[1])]
  return typeof node?.id === 'string' ? node.id : null
}
