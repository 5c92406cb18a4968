// What to tell a person about a failed call: the server's message, and for a 403 that it is
// their role (the page was shown, yet the server refused: a role changed meanwhile, say).
import { ApiError, isForbidden } from '../api/client.ts'
import type { ErrorDetail } from '../api/types.ts'
import { t } from '../i18n/index.ts'

export function problemText(error: unknown): string {
  if (isForbidden(error)) return t('common.forbidden', { message: (error as ApiError).message })
  return (error as Error).message
}

/** The per-field problems of a 400, for the form fields to show in place. */
export function fieldProblems(error: unknown): ErrorDetail[] {
  return error instanceof ApiError && error.status === 400 ? error.details : []
}
