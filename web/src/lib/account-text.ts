// Words for accounts: roles, password rules and what went wrong signing in, in plain English.
import { ApiError } from '../api/client.ts'
import type { ApiKeyScope, Role } from '../api/types.ts'

/** The server refuses shorter passwords. */
export const MIN_PASSWORD = 10

export const ROLES: Array<{ role: Role; label: string; hint: string }> = [
  { role: 'admin', label: 'Admin', hint: 'Everything, including people, API keys, channels and policies.' },
  { role: 'editor', label: 'Editor', hint: 'Builds, publishes and pauses journeys; edits contacts, segments and sales reps.' },
  { role: 'viewer', label: 'Viewer', hint: 'Looks at journeys, runs, contacts and the audit log; changes nothing.' },
  { role: 'sales', label: 'Sales', hint: 'Their own follow-up tasks and the contacts assigned to them.' },
]

export const roleLabel = (role: Role | string): string => ROLES.find((r) => r.role === role)?.label ?? role

export const SCOPES: Array<{ scope: ApiKeyScope; label: string; hint: string }> = [
  { scope: 'events:write', label: 'Send events', hint: 'POST /api/events: what your site or app reports contacts did.' },
  { scope: 'contacts:write', label: 'Update contacts', hint: 'Create and update contacts, their attributes and tags.' },
  { scope: 'read', label: 'Read', hint: 'Read journeys, runs, contacts and deliveries.' },
  { scope: 'metrics', label: 'Metrics', hint: 'GET /metrics only: for Prometheus or another monitoring system to scrape.' },
  { scope: 'admin', label: 'Admin', hint: 'Everything an administrator may do. Give it only to tools you trust fully.' },
]

/** Why a new password will not do, or null when it will. */
export function passwordProblem(password: string, confirm: string): string | null {
  if (password.length < MIN_PASSWORD) return `The password needs at least ${MIN_PASSWORD} characters.`
  if (password !== confirm) return 'The two passwords are not the same.'
  return null
}

/** What to tell someone whose sign-in failed. */
export function signInProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return (error as Error).message
  if (error.status === 401 && /disabled/i.test(error.message)) return 'This account is disabled. Ask an administrator to enable it again.'
  if (error.status === 401) return 'That email and password do not match an account. Check both and try again.'
  if (error.status === 429) {
    const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : null
    return `Too many sign-in attempts. Wait ${minutes ? `${minutes} minute${minutes === 1 ? '' : 's'}` : 'a few minutes'}, then try again.`
  }
  if (error.status === 403) return error.message || 'This account may not sign in. Ask an administrator.'
  return error.message
}
