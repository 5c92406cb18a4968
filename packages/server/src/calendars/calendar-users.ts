import { sql } from 'kysely'
import type { NodeRegistry } from '@kairos/engine'
import type { Db } from '../db/connect.ts'

interface GraphNode {
  id: string
  type: string
  version?: number
  label?: string
  config?: Record<string, unknown>
}

/** A live flow version whose steps name a holiday calendar. */
export interface CalendarUser {
  flowId: string
  flowName: string
  version: number
  /** The ids of the steps that name the calendar. */
  nodes: string[]
}

/**
 * The holiday calendars a node's config names: its string fields marked `x-kairos-calendar` in
 * its type's config schema (wait.until's `calendar`), as channel fields are marked
 * `x-kairos-channel` (channels/channel-fields.ts). A step without one uses the policies'
 * calendar, which the policies guard.
 */
export function calendarFields(configSchema: unknown, config: Record<string, unknown> | undefined): Array<{ key: string; name: string }> {
  const properties = (configSchema as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties ?? {}
  return Object.entries(properties)
    .filter(([key, schema]) => schema['x-kairos-calendar'] === true && typeof config?.[key] === 'string')
    .map(([key]) => ({ key, name: config![key] as string }))
}

/**
 * The published version of every active or paused flow whose steps name
 * calendar `name` (what publishing checks, flows/calendar-problems.ts), so
 * deleting it is refused as deleting a channel in use is (channels/channel-users.ts).
 * Drafts do not count: they are checked again when published.
 */
export async function calendarUsers(via: Db, registry: NodeRegistry, name: string): Promise<CalendarUser[]> {
  const { rows } = await sql<{ flow_id: string; flow_name: string; version: number; nodes: GraphNode[] }>`
    select f.id as flow_id, f.name as flow_name, v.version, v.graph->'nodes' as nodes
      from flows f join flow_versions v on v.flow_id = f.id and v.version = f.published_version
      where f.status in ('active', 'paused')
        and jsonb_path_exists(v.graph, '$.nodes[*].config.* ? (@ == $name)', jsonb_build_object('name', ${name}::text))
      order by f.name, f.id`.execute(via)
  const users: CalendarUser[] = []
  for (const row of rows) {
    const nodes = (Array.isArray(row.nodes) ? row.nodes : []).filter((node) => calendarFields(registry.get(node.type, node.version)?.config, node.config).some((field) => field.name === name)).map((node) => node.id)
    if (nodes.length > 0) users.push({ flowId: row.flow_id, flowName: row.flow_name, version: row.version, nodes })
  }
  return users
}

/** One problem per journey for a KAIROS_CONFLICT, e.g. `used by flow <id> ("Welcome"), version 2, step at9`. */
export function describeCalendarUser(user: CalendarUser): string {
  return `used by flow ${user.flowId} ("${user.flowName}"), version ${user.version}, step${user.nodes.length > 1 ? 's' : ''} ${user.nodes.join(', ')}`
}
