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

/**
 * Settings pages a session sees, in tab order: only those it may change (the server refuses the
 * writes of the others), so an editor sees sales reps and coupon pools, an administrator all.
 */
export function settingsPages(can: Can): Array<{ name: Route['name']; href: string; label: string }> {
  const pages = [
    { name: 'settings-channels', href: href.channels(), label: 'shell.settings.channels', show: can('admin') },
    { name: 'settings-reps', href: href.reps(), label: 'shell.settings.reps', show: can('workspace:write') },
    { name: 'settings-pools', href: href.pools(), label: 'shell.settings.pools', show: can('workspace:write') },
    { name: 'settings-policies', href: href.policies(), label: 'shell.settings.policies', show: can('admin') },
    { name: 'settings-users', href: href.users(), label: 'shell.settings.users', show: can('admin') },
    { name: 'settings-api-keys', href: href.apiKeys(), label: 'shell.settings.apiKeys', show: can('admin') },
  ] as const
  return pages.filter((p) => p.show).map(({ name, href, label }) => ({ name, href, label }))
}

/** Adding, editing and importing contacts: editors and administrators. */
export const mayWriteContacts = (can: Can): boolean => can('contacts:write')

/** Whether `route` is of use to this session. */
export function mayOpen(route: Route, can: Can): boolean {
  switch (route.name) {
    case 'flows':
    case 'flow':
    case 'flow-report':
    case 'outbox':
      return can('read')
    case 'contacts':
    case 'contact':
      return mayReadContacts(can)
    case 'contacts-import':
      return mayWriteContacts(can)
    case 'tasks':
      return mayReadTasks(can)
    case 'settings-users':
    case 'settings-api-keys':
      return can('admin')
    case 'settings':
      return settingsPages(can).length > 0
    case 'settings-channels':
    case 'settings-policies':
      return can('admin')
    case 'settings-reps':
    case 'settings-pools':
      return can('workspace:write')
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
