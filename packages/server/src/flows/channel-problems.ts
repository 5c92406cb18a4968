import type { CompiledFlow, FlowProblem } from '@kairos/engine'
import { templateProblems, type AnyChannelDefinition } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { channelFields } from '../channels/channel-fields.ts'

interface ChannelUse {
  node: string
  field: string
  name: string
  kinds: string[]
  /** The node's template field and what it holds, for a node that can send templates. */
  template?: { field: string; value: unknown }
}

/** The channel kinds this process knows, to read a kind's template rule. */
export interface ChannelKinds {
  get(kind: string): AnyChannelDefinition | undefined
}

const listOf = (kinds: string[]) => (kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`)

/**
 * Channels a version's nodes send through must exist, and be of the kind
 * the node needs: a config field marked `x-kairos-channel: "<kind>"` in its
 * schema names one. Checked at publish, so a typo ("sms-mian") is a problem
 * on its node and field, not every message of a live journey failing. A node that can
 * send a template (a field marked `x-kairos-template-of`) must give one to a channel whose
 * kind sends only approved templates (`template` in its definition), and none to one that
 * sends text.
 */
export async function channelProblems(trx: Db, flow: CompiledFlow, channelKinds?: ChannelKinds): Promise<FlowProblem[]> {
  const uses: ChannelUse[] = []
  for (const [id, { node, definition }] of flow.nodes)
    for (const { key, name, kinds: wanted, templateKey } of channelFields(definition.config, node.config))
      uses.push({ node: id, field: `config.${key}`, name, kinds: wanted, ...(templateKey ? { template: { field: `config.${templateKey}`, value: node.config?.[templateKey] } } : {}) })
  if (uses.length === 0) return []
  // Key-share locked until the publish commits: a change of kind or a delete (which lock the row
  // for update, then look for flows using it) waits, then sees this version.
  const rows = await trx.selectFrom('channels').select(['name', 'kind']).where('name', 'in', [...new Set(uses.map((u) => u.name))]).forKeyShare().execute()
  const kinds = new Map(rows.map((r) => [r.name, r.kind]))
  const problems: FlowProblem[] = []
  for (const use of uses) {
    const kind = kinds.get(use.name)
    if (kind === undefined)
      problems.push({ node: use.node, field: use.field, message: `channel "${use.name}" does not exist; configure it at PUT /api/channels/${use.name} (kind ${listOf(use.kinds)})` })
    else if (!use.kinds.includes(kind))
      problems.push({ node: use.node, field: use.field, message: `channel "${use.name}" is of kind ${kind}; this step needs a channel of kind ${listOf(use.kinds)}` })
    else if (use.template && channelKinds?.get(kind))
      for (const problem of templateProblems(channelKinds.get(kind)!.template, { kind, channel: use.name, field: use.template.field, template: use.template.value }))
        problems.push({ node: use.node, ...problem })
  }
  return problems
}
