import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

interface GraphNode {
  id: string
  type: string
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
 * The calendar a step names for itself: `wait.until` with `workday: true`
 * and `calendar` (without one it uses the policies' calendar, which the
 * policies guard). The one node type that names a calendar in its config.
 */
export function namedCalendar(node: { type: string; config?: Record<string, unknown> }): string | undefined {
  const config = node.config
  return node.type === 'wait.until' && config?.workday === true && typeof config.calendar === 'string' ? config.calendar : undefined
}

/**
 * The published version of every active or paused flow whose steps name
 * calendar `name` (what publishing checks, flows/calendar-problems.ts), so
 * deleting it is refused as deleting a channel in use is (channels/channel-users.ts).
 * Drafts do not count: they are checked again when published.
 */
export async function calendarUsers(via: Db, name: string): Promise<CalendarUser[]> {
  const { rows } = await sql<{ flow_id: string; flow_name: string; version: number; nodes: GraphNode[] }>`
    select f.id as flow_id, f.name as flow_name, v.version, v.graph->'nodes' as nodes
      from flows f join flow_versions v on v.flow_id = f.id and v.version = f.published_version
      where f.status in ('active', 'paused')
        and jsonb_path_exists(v.graph, '$.nodes[*].config.calendar ? (@ == $name)', jsonb_build_object('name', ${name}::text))
      order by f.name, f.id`.execute(via)
  const users: CalendarUser[] = []
  for (const row of rows) {
    const nodes = (Array.isArray(row.nodes) ? row.nodes : []).filter((node) => namedCalendar(node) === name).map((node) => node.id)
    if (nodes.length > 0) users.push({ flowId: row.flow_id, flowName: row.flow_name, version: row.version, nodes })
  }
  return users
}

/** One problem per journey for a KAIROS_CONFLICT, e.g. `used by flow <id> ("Welcome"), version 2, step at9`. */
export function describeCalendarUser(user: CalendarUser): string {
  return `used by flow ${user.flowId} ("${user.flowName}"), version ${user.version}, step${user.nodes.length > 1 ? 's' : ''} ${user.nodes.join(', ')}`
}
