/**
 * Who may do what. Every route declares one permission (`config.permission`); a person's
 * role or an API key's scopes grant a set of them. Keeping the grants in two tables here
 * means a reader sees the whole access model on one screen.
 */

/** Roles a user can have. */
export const ROLES = ['admin', 'editor', 'viewer', 'sales'] as const
export type Role = (typeof ROLES)[number]

/** Scopes an API key can carry. */
export const KEY_SCOPES = ['events:write', 'contacts:write', 'read', 'metrics', 'admin', 'track'] as const
export type KeyScope = (typeof KEY_SCOPES)[number]

/**
 * What a route may need.
 * - `public`: anyone (health, login, first-run setup, the editor's files).
 * - `authenticated`: any logged-in user or key (who am I, log out, change my password).
 * - `read`: read the workspace: flows, runs, deliveries, segments, channels without secrets.
 * - `contacts:read` / `tasks:read`: read contacts and tasks; a sales user sees only their own.
 * - `tasks:write`: complete a task (sales users: their own).
 * - `audit:read`: the audit trail.
 * - `events:write`: post events and delivery receipts (ingestion).
 * - `contacts:write`: create and update contacts (ingestion).
 * - `workspace:write`: flows, segments, coupon pools, sales reps; publish and pause.
 * - `metrics`: scrape `/metrics` (Prometheus); for a monitoring system's key.
 * - `track:write`: the tracking API (`/v1/track`, `/v1/identify`, `/v1/batch`), for websites and CDPs.
 * - `admin`: users, API keys, channels, policies.
 */
export const PERMISSIONS = [
  'public',
  'authenticated',
  'read',
  'contacts:read',
  'tasks:read',
  'tasks:write',
  'audit:read',
  'events:write',
  'contacts:write',
  'workspace:write',
  'metrics',
  'track:write',
  'admin',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const ALL: readonly Permission[] = PERMISSIONS

const READER: Permission[] = ['authenticated', 'read', 'contacts:read', 'tasks:read', 'audit:read']

/** What each role grants. An editor reads what a viewer reads, and the audit trail of their own work. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL,
  editor: [...READER, 'tasks:write', 'events:write', 'contacts:write', 'workspace:write'],
  viewer: READER,
  sales: ['authenticated', 'contacts:read', 'tasks:read', 'tasks:write'],
}

/** What each key scope grants. A key never logs in, so `authenticated` only tells who it is. */
export const SCOPE_PERMISSIONS: Record<KeyScope, readonly Permission[]> = {
  // A secret ingestion key may also use the tracking API (a CDP forwarding Segment's shape).
  'events:write': ['authenticated', 'events:write', 'track:write'],
  'contacts:write': ['authenticated', 'contacts:write'],
  read: READER,
  metrics: ['authenticated', 'metrics'],
  admin: ALL,
  // The public (write-only) key embedded in web pages: the tracking API and nothing else, not
  // even "who am I", since anyone who views the page's source holds it.
  track: ['track:write'],
}

/** The permissions a role or a set of key scopes grants. */
export function grantsOf(source: { role: Role } | { scopes: readonly string[] }): Set<Permission> {
  if ('role' in source) return new Set(ROLE_PERMISSIONS[source.role] ?? [])
  const granted = new Set<Permission>()
  for (const scope of source.scopes) for (const p of SCOPE_PERMISSIONS[scope as KeyScope] ?? []) granted.add(p)
  return granted
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value)
}
