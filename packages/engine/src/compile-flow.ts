import { portsOf, type AnyNodeDefinition, type ChangeTrigger, type DateTrigger, type ScheduleTrigger, type Where } from '@kairos/sdk'
import type { FlowGraph, FlowNode, FlowSettings } from './flow-document.ts'
import type { NodeRegistry } from './registry.ts'

/** A node ready to run: its document entry and its definition at the pinned version. */
export interface CompiledNode {
  node: FlowNode
  definition: AnyNodeDefinition
  ports: string[]
}

/** What a trigger node listens to, for event ingestion. */
export interface EventTrigger {
  nodeId: string
  event: string
  where?: Where
}

/** A validated flow version, indexed for execution. Immutable once built. */
export interface CompiledFlow {
  nodes: Map<string, CompiledNode>
  /** `source:port` → target node id. */
  next: Map<string, string>
  settings: FlowSettings
  eventTriggers: EventTrigger[]
  /** Triggers that enter an audience on a cron schedule. */
  scheduleTriggers: Array<ScheduleTrigger & { nodeId: string }>
  /** Triggers that enter contacts at a moment derived from a date attribute. */
  dateTriggers: Array<DateTrigger & { nodeId: string }>
  /** Triggers that enter contacts when an attribute write changes a value. */
  changeTriggers: Array<ChangeTrigger & { nodeId: string }>
}

export const DEFAULT_SETTINGS: FlowSettings = { reentry: 'once', exitOn: [], timezone: 'UTC' }

/** Pins every node to a version (the newest registered when absent), as publishing does. */
export function pinVersions(graph: FlowGraph, registry: NodeRegistry): FlowGraph {
  return {
    ...graph,
    settings: { ...DEFAULT_SETTINGS, ...graph.settings },
    nodes: graph.nodes.map((node) => ({ ...node, version: node.version ?? registry.get(node.type)?.version })),
  }
}

/**
 * A flow version names a node type this process has not loaded (its plugin
 * was removed, or another process with more plugins published it).
 */
export class NodeTypeNotLoaded extends Error {
  override name = 'NodeTypeNotLoaded'
  readonly nodeId: string
  readonly type: string
  readonly version: number

  constructor(nodeId: string, type: string, version: number) {
    super(`node ${nodeId}: node type ${type}@${version} is not loaded`)
    this.nodeId = nodeId
    this.type = type
    this.version = version
  }
}

/** Indexes a validated, version-pinned graph. Throws NodeTypeNotLoaded if a node type is missing from the registry. */
export function compileFlow(graph: FlowGraph, registry: NodeRegistry): CompiledFlow {
  const nodes = new Map<string, CompiledNode>()
  const eventTriggers: EventTrigger[] = []
  const scheduleTriggers: CompiledFlow['scheduleTriggers'] = []
  const dateTriggers: CompiledFlow['dateTriggers'] = []
  const changeTriggers: CompiledFlow['changeTriggers'] = []
  for (const node of graph.nodes) {
    const definition = registry.get(node.type, node.version)
    if (!definition) throw new NodeTypeNotLoaded(node.id, node.type, node.version ?? 0)
    nodes.set(node.id, { node, definition, ports: portsOf(definition, node.config) })
    const trigger = definition.trigger
    if (trigger?.kind === 'event')
      for (const event of trigger.events(node.config)) eventTriggers.push({ nodeId: node.id, event, where: trigger.where?.(node.config) })
    if (trigger?.kind === 'schedule') scheduleTriggers.push({ ...trigger.schedule(node.config), nodeId: node.id })
    if (trigger?.kind === 'date') dateTriggers.push({ ...trigger.date(node.config), nodeId: node.id })
    if (trigger?.kind === 'change') changeTriggers.push({ ...trigger.change(node.config), nodeId: node.id })
  }
  const next = new Map<string, string>()
  for (const edge of graph.edges) next.set(`${edge.source}:${edge.sourcePort ?? 'next'}`, edge.target)
  return { nodes, next, settings: { ...DEFAULT_SETTINGS, ...graph.settings }, eventTriggers, scheduleTriggers, dateTriggers, changeTriggers }
}
