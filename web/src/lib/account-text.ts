// Words for accounts: roles, password rules and what went wrong signing in, in plain words
// from the `account` catalog (labels are getters, so a template re-reads them on a language switch).
import { ApiError } from '../api/client.ts'
import type { ApiKeyScope, Role } from '../api/types.ts'
import { t } from '../i18n/index.ts'

/** The server refuses shorter passwords. */
export const MIN_PASSWORD = 10

const ROLE_IDS: Role[] = ['admin', 'editor', 'viewer', 'sales']
export const ROLES: Array<{ role: Role; readonly label: string; readonly hint: string }> = ROLE_IDS.map((role) => ({
  role,
  get label() { return t(`account.roles.${role}.label`) },
  get hint() { return t(`account.roles.${role}.hint`) },
}))

export const roleLabel = (role: Role | string): string => ROLES.find((r) => r.role === role)?.label ?? role

const SCOPE_IDS: ApiKeyScope[] = ['events:write', 'contacts:write', 'read', 'metrics', 'admin']
export const SCOPES: Array<{ scope: ApiKeyScope; readonly label: string; readonly hint: string }> = SCOPE_IDS.map((scope) => ({
  scope,
  get label() { return t(`account.scopes.${scope}.label`) },
  get hint() { return t(`account.scopes.${scope}.hint`) },
}))

/** Why a new password will not do, or null when it will. */
export function passwordProblem(password: string, confirm: string): string | null {
  if (password.length < MIN_PASSWORD) return t('account.passwordShort', { n: MIN_PASSWORD })
  if (password !== confirm) return t('account.passwordMismatch')
  return null
}

/** What to tell someone whose sign-in failed. */
export function signInProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return (error as Error).message
  if (error.status === 401 && /disabled/i.test(error.message)) return t('account.signIn.disabled')
  if (error.status === 401) return t('account.signIn.wrong')
  if (error.status === 429) {
    const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : null
    return t('account.signIn.tooMany', { wait: minutes ? t('account.signIn.minutes', { n: minutes }, minutes) : t('account.signIn.fewMinutes') })
  }
  if (error.status === 403) return error.message || t('account.signIn.refused')
  return error.message
}
