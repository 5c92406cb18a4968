import type { SendAnswer } from './send-attempt.ts'

/**
 * How a delivery is retried: up to `maxAttempts` attempts (the server's
 * delivery job is queued with graphile-worker's `max_attempts` of 10), the
 * wait after attempt n being graphile-worker's: e^min(n, 10) seconds (about
 * 3 s, 7 s, 20 s, 55 s, … 6 h at most).
 */
export const DELIVERY_RETRY = { maxAttempts: 10 } as const

/** The wait after failed attempt `attempt` (1-based) before the next, in ms: graphile-worker's backoff. */
export function deliveryBackoffMs(attempt: number): number {
  return Math.round(Math.exp(Math.min(attempt, 10)) * 1000)
}

/** What follows an attempt at a delivery: it settles sent or failed, or is tried again after `retryInMs`. */
export type AfterSend =
  | { settle: 'sent' }
  | { settle: 'failed'; error: string }
  | { retryInMs: number; error: string }

/**
 * Decides what follows attempt `attempt` of `maxAttempts`: sent when it was
 * accepted; failed for good when the answer says not to retry or it was the
 * last attempt; else another attempt after the backoff. The delivery job and
 * the test harness both follow it.
 */
export function afterSendAttempt(answer: SendAnswer, attempt: number, maxAttempts: number = DELIVERY_RETRY.maxAttempts): AfterSend {
  if (answer.ok) return { settle: 'sent' }
  if (!answer.retry || attempt >= maxAttempts) return { settle: 'failed', error: answer.error }
  return { retryInMs: deliveryBackoffMs(attempt), error: answer.error }
}
