import type { NodeRegistry } from '@kairos/engine'
import { channelFields } from '../channels/channel-fields.ts'
import { referenceUses, type ReferenceUse } from './placeholders.ts'
import { STARTER_LANGUAGES, type Localized, type StarterFile, type StarterLanguage } from './starter-file.ts'

/** A channel a starter sends through: its placeholder key, the kind the steps need, and what it is for. */
export interface ChannelNeed {
  key: string
  /** The kind the steps need (the first, when a step takes several). */
  kind: string
  /** Every kind the steps take. */
  kinds: string[]
  label: Localized
  /** The steps that use it. */
  nodes: string[]
}

export interface PoolNeed {
  key: string
  label: Localized
  nodes: string[]
}

export interface SegmentNeed {
  key: string
  label: Localized
  nodes: string[]
  /** A segment the import dialog can create when the team has none yet. */
  suggested: { name: Localized; condition: Record<string, unknown> } | null
}

/** A starter as the gallery lists it: no graph, what it needs bound before it can publish. */
export interface StarterSummary {
  id: string
  name: Localized
  description: Localized
  adapt: Localized
  languages: StarterLanguage[]
  nodeCount: number
  /** The type of the step that starts it (trigger.event, trigger.date, trigger.schedule). */
  trigger: string
  needs: { channels: ChannelNeed[]; pools: PoolNeed[]; segments: SegmentNeed[] }
}

type StarterNode = { id: string; type: string; version?: number }

/** The channel kinds a node's config field takes, from its node type's schema (`x-kairos-channel`), as publishing reads them. */
function channelKinds(registry: NodeRegistry, node: StarterNode | undefined, field: string): string[] {
  const definition = node ? registry.get(node.type, node.version) : undefined
  const key = field.replace(/^config\./, '')
  return channelFields(definition?.config, { [key]: 'placeholder' }).find((f) => f.key === key)?.kinds ?? []
}

const nodesOf = (uses: ReferenceUse[], key: string) => [...new Set(uses.filter((u) => u.key === key).map((u) => u.node))]

/** What the gallery shows of a starter; channel kinds are read from the node types this server has loaded. */
export function summarizeStarter(file: StarterFile, registry: NodeRegistry): StarterSummary {
  const nodes = file.graph.nodes as StarterNode[]
  const uses = referenceUses(file.graph)
  const of = (kind: ReferenceUse['kind']) => uses.filter((u) => u.kind === kind)
  return {
    id: file.id,
    name: file.name,
    description: file.description,
    adapt: file.adapt,
    languages: [...STARTER_LANGUAGES],
    nodeCount: nodes.length,
    trigger: nodes.find((n) => n.type.startsWith('trigger.'))?.type ?? 'unknown',
    needs: {
      channels: Object.entries(file.references.channels ?? {}).map(([key, label]) => {
        const first = of('channel').find((u) => u.key === key)
        const kinds = channelKinds(registry, nodes.find((n) => n.id === first?.node), first?.field ?? '')
        return { key, kind: kinds[0] ?? 'unknown', kinds, label, nodes: nodesOf(of('channel'), key) }
      }),
      pools: Object.entries(file.references.pools ?? {}).map(([key, label]) => ({ key, label, nodes: nodesOf(of('pool'), key) })),
      segments: Object.entries(file.references.segments ?? {}).map(([key, { suggestedName, suggestedCondition, ...label }]) => ({
        key,
        label,
        nodes: nodesOf(of('segment'), key),
        suggested: suggestedName && suggestedCondition ? { name: suggestedName, condition: suggestedCondition } : null,
      })),
    },
  }
}
