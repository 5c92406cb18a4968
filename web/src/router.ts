// A hash router of a handful of routes: enough for a single-page editor served as static files at `/`
// (no server-side fallback needed, links are shareable).
import { computed, ref } from 'vue'

export type Route =
  | { name: 'flows' }
  | { name: 'flow'; id: string; run?: string }
  | { name: 'flow-report'; id: string }
  | { name: 'contacts'; q?: string }
  | { name: 'contact'; externalId: string }
  | { name: 'contacts-import' }
  | { name: 'outbox'; query: Record<string, string> }
  | { name: 'tasks' }
  /** `#/settings`: opens the first settings page the role may use. */
  | { name: 'settings' }
  | { name: 'settings-users' }
  | { name: 'settings-api-keys' }
  | { name: 'settings-channels' }
  | { name: 'settings-reps' }
  | { name: 'settings-pools' }
  | { name: 'settings-policies' }
  | { name: 'not-found'; path: string }

function parse(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#/, '').split('?')
  const query = Object.fromEntries(new URLSearchParams(search))
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts.length === 0 || (parts[0] === 'flows' && parts.length === 1)) return { name: 'flows' }
  if (parts[0] === 'flows' && parts.length === 2) return { name: 'flow', id: parts[1], run: query.run }
  if (parts[0] === 'flows' && parts.length === 3 && parts[2] === 'report') return { name: 'flow-report', id: parts[1] }
  if (parts[0] === 'contacts' && parts.length === 1) return { name: 'contacts', q: query.q }
  // Not under contacts/, where any name is a contact's external id.
  if (parts[0] === 'import' && parts[1] === 'contacts') return { name: 'contacts-import' }
  if (parts[0] === 'contacts' && parts.length === 2) return { name: 'contact', externalId: parts[1] }
  if (parts[0] === 'outbox') return { name: 'outbox', query }
  if (parts[0] === 'tasks' && parts.length === 1) return { name: 'tasks' }
  if (parts[0] === 'settings' && parts.length === 1) return { name: 'settings' }
  if (parts[0] === 'settings' && parts[1] === 'users') return { name: 'settings-users' }
  if (parts[0] === 'settings' && parts[1] === 'api-keys') return { name: 'settings-api-keys' }
  if (parts[0] === 'settings' && parts[1] === 'channels') return { name: 'settings-channels' }
  if (parts[0] === 'settings' && parts[1] === 'sales-reps') return { name: 'settings-reps' }
  if (parts[0] === 'settings' && parts[1] === 'coupon-pools') return { name: 'settings-pools' }
  if (parts[0] === 'settings' && parts[1] === 'policies') return { name: 'settings-policies' }
  return { name: 'not-found', path }
}

const hash = ref(location.hash)
window.addEventListener('hashchange', () => (hash.value = location.hash))

export const route = computed(() => parse(hash.value))

/** Link targets, so no component builds a URL by hand. */
export const href = {
  flows: () => '#/flows',
  flow: (id: string, run?: string) => `#/flows/${encodeURIComponent(id)}${run ? `?run=${encodeURIComponent(run)}` : ''}`,
  flowReport: (id: string) => `#/flows/${encodeURIComponent(id)}/report`,
  contacts: (q?: string) => `#/contacts${q ? `?q=${encodeURIComponent(q)}` : ''}`,
  contactsImport: () => '#/import/contacts',
  contact: (externalId: string) => `#/contacts/${encodeURIComponent(externalId)}`,
  outbox: (query: Record<string, string> = {}) => {
    const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString()
    return `#/outbox${search ? `?${search}` : ''}`
  },
  tasks: () => '#/tasks',
  users: () => '#/settings/users',
  apiKeys: () => '#/settings/api-keys',
  channels: () => '#/settings/channels',
  reps: () => '#/settings/sales-reps',
  pools: () => '#/settings/coupon-pools',
  policies: () => '#/settings/policies',
}

export function navigate(target: string, replace = false): void {
  if (replace) history.replaceState(null, '', target)
  else location.hash = target
  hash.value = location.hash
}
