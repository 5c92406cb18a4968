import type { CompiledFlow, FlowProblem } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { channelFields } from '../channels/channel-fields.ts'

interface ChannelUse {
  node: string
  field: string
  name: string
  kind: string
}

/**
 * Channels a version's nodes send through must exist, and be of the kind
 * the node needs: a config field marked `x-kairos-channel: "<kind>"` in its
 * schema names one. Checked at publish, so a typo ("sms-mian") is a problem
 * on its node and field, not every message of a live journey failing.
 */
export async function channelProblems(trx: Db, flow: CompiledFlow): Promise<FlowProblem[]> {
  const uses: ChannelUse[] = []
  for (const [id, { node, definition }] of flow.nodes)
    for (const { key, name, kind } of channelFields(definition.config, node.config)) uses.push({ node: id, field: `config.${key}`, name, kind })
  if (uses.length === 0) return []
  // Key-share locked until the publish commits: a change of kind or a delete (which lock the row
  // for update, then look for flows using it) waits, then sees this version.
  const rows = await trx.selectFrom('channels').select(['name', 'kind']).where('name', 'in', [...new Set(uses.map((u) => u.name))]).forKeyShare().execute()
  const kinds = new Map(rows.map((r) => [r.name, r.kind]))
  const problems: FlowProblem[] = []
  for (const use of uses) {
    const kind = kinds.get(use.name)
    if (kind === undefined)
      problems.push({ node: use.node, field: use.field, message: `channel "${use.name}" does not exist; configure it at PUT /api/channels/${use.name} (kind ${use.kind})` })
    else if (kind !== use.kind)
      problems.push({ node: use.node, field: use.field, message: `channel "${use.name}" is of kind ${kind}; this step needs a channel of kind ${use.kind}` })
  }
  return problems
}
