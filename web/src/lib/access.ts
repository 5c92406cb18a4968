// Which pages a session may open, from its permissions: the header hides what it may not use,
// and a page it may not open says so instead of failing on every call.
import type { Permission } from '../api/types.ts'
import { href, type Route } from '../router.ts'

export type Can = (permission: Permission) => boolean

/** Follow-up tasks: sales work. */
export const mayReadTasks = (can: Can): boolean => can('tasks:read')
export const mayCompleteTasks = (can: Can): boolean => can('tasks:write')
/** Contacts: everyone who reads the workspace, and a sales rep (their own). */
export const mayReadContacts = (can: Can): boolean => can('read') || can('contacts:read') || mayReadTasks(can)

/** Whether `route` is of use to this session. */
export function mayOpen(route: Route, can: Can): boolean {
  switch (route.name) {
    case 'flows':
    case 'flow':
    case 'outbox':
      return can('read')
    case 'contacts':
    case 'contact':
      return mayReadContacts(can)
    case 'tasks':
      return mayReadTasks(can)
    case 'settings-users':
    case 'settings-api-keys':
      return can('admin')
    default:
      return true
  }
}

/** Where a session starts: journeys for whoever may read them, else a sales rep's tasks. */
export function landing(can: Can): string {
  if (can('read')) return href.flows()
  if (mayReadTasks(can)) return href.tasks()
  return href.contacts()
}
