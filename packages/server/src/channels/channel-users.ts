import type { NodeRegistry } from '@kairos/engine'
import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { channelFields } from './channel-fields.ts'

/** A flow version whose steps send through a channel. */
export interface ChannelUser {
  flowId: string
  flowName: string
  version: number
  /** `published`: the live version of an active or paused flow; `runs`: an older version (or an archived flow's) that runs are still on. */
  why: 'published' | 'runs'
  /** The ids of the nodes that name the channel. */
  nodes: string[]
}

interface GraphNode {
  id: string
  type: string
  version?: number
  config?: Record<string, unknown>
}

/**
 * The flow versions that send through channel `name`: the published version
 * of every active or paused flow, and any version runs are still on (running
 * or waiting, held or not), where a node's config field marked
 * `x-kairos-channel` in its type's schema names the channel (what publishing
 * checks, see flows/channel-problems.ts). Drafts do not count: they are
 * checked again when published. Postgres picks the versions holding the name
 * as any config value; the registry then keeps the fields that are channels,
 * so an event or tag spelled like the channel is not a use.
 */
export async function channelUsers(via: Db, registry: NodeRegistry, name: string): Promise<ChannelUser[]> {
  const { rows } = await sql<{ flow_id: string; flow_name: string; version: number; published: boolean; nodes: GraphNode[] }>`
    select f.id as flow_id, f.name as flow_name, v.version,
        (f.status in ('active', 'paused') and v.version = f.published_version) as published, v.graph->'nodes' as nodes
      from flows f join flow_versions v on v.flow_id = f.id
      where jsonb_path_exists(v.graph, '$.nodes[*].config.* ? (@ == $name)', jsonb_build_object('name', ${name}::text))
        and ((f.status in ('active', 'paused') and v.version = f.published_version)
          or exists (select 1 from runs r where r.flow_id = v.flow_id and r.flow_version = v.version and r.status in ('running', 'waiting')))
      order by f.name, f.id, v.version`.execute(via)
  const users: ChannelUser[] = []
  for (const row of rows) {
    const nodes = (Array.isArray(row.nodes) ? row.nodes : []).filter((node) => namesChannel(registry, node, name)).map((node) => node.id)
    if (nodes.length > 0)
      users.push({ flowId: row.flow_id, flowName: row.flow_name, version: row.version, why: row.published ? 'published' : 'runs', nodes })
  }
  return users
}

/** Whether one of the node's config fields marked as a channel holds `name`. A type no longer loaded cannot run, so it names none. */
function namesChannel(registry: NodeRegistry, node: GraphNode, name: string): boolean {
  return channelFields(registry.get(node.type, node.version)?.config, node.config).some((field) => field.name === name)
}

/** One problem per flow version for a KAIROS_CONFLICT, e.g. `used by flow <id> ("Welcome"), version 2 (published), node sms`. */
export function describeUser(user: ChannelUser): string {
  const why = user.why === 'published' ? 'published' : 'runs still on it'
  return `used by flow ${user.flowId} ("${user.flowName}"), version ${user.version} (${why}), node${user.nodes.length > 1 ? 's' : ''} ${user.nodes.join(', ')}`
}
