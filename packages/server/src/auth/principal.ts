import type { Permission, Role } from './permissions.ts'

/** Who is calling: a logged-in user (by session cookie) or an integration (by API key). */
export type Principal =
  | {
      kind: 'user'
      userId: string
      email: string
      name: string
      role: Role
      /** A sales user's rep: what they may see of tasks and contacts is scoped to it. */
      salesRepId: string | null
      permissions: Set<Permission>
      /** The session's CSRF token; writes by cookie must echo it in `x-csrf-token`. */
      csrfToken: string
      sessionHash: string
    }
  | {
      kind: 'key'
      keyId: string
      name: string
      prefix: string
      scopes: string[]
      permissions: Set<Permission>
      /** Origins a browser may use this key from (a public `track` key's; empty for others). */
      origins: string[]
    }

/** How the principal reads in logs and the audit trail. */
export function principalLabel(principal: Principal): string {
  return principal.kind === 'user' ? principal.email : `key ${principal.name} (${principal.prefix}…)`
}

/**
 * The sales rep a principal is confined to, or null when it sees everything. A sales user
 * with no rep linked sees nothing: the impossible id matches no row.
 */
export function salesScope(principal: Principal | undefined): string | null {
  if (!principal || principal.kind !== 'user' || principal.role !== 'sales') return null
  return principal.salesRepId ?? '\u0000no-rep'
}
