/**
 * How effects are bounded. Sizes are UTF-8 bytes of the JSON or text;
 * timeouts are per attempt.
 */
export const EFFECT_LIMITS = {
  /** An HTTP effect's body, or a named effect's input. */
  requestBytes: 256 * 1024,
  /** What is kept of an answer's body (the rest is cut off and `truncated` set). */
  responseBytes: 64 * 1024,
  /** A named effect's result; a larger one fails the effect. */
  resultBytes: 64 * 1024,
  defaultTimeoutMs: 10_000,
  maxTimeoutMs: 60_000,
} as const

/**
 * How failed attempts are retried: up to `maxAttempts` in all, the n-th retry
 * after a delay drawn between half and all of `firstDelayMs × 2^(n-1)`
 * (capped at `maxDelayMs`), so effects that failed together (a provider
 * outage) do not all come back at the same instant. Defaults: 5 attempts,
 * 1 s, 2 s, 4 s, 8 s at most between them.
 */
export const EFFECT_RETRY = { maxAttempts: 5, firstDelayMs: 1000, maxDelayMs: 5 * 60_000 } as const

/** The delay before the attempt after `attempt` (1-based); `random` is for tests. */
export function effectBackoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(EFFECT_RETRY.maxDelayMs, EFFECT_RETRY.firstDelayMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

/** Statuses worth asking again: the server's trouble (5xx), a timeout (408), too many requests (429). Any other 4xx is final. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429
}

/**
 * An attempt that failed, saying whether another attempt could succeed: the
 * one failure class of effects and channels. Throw one with `retry: false`
 * from a named effect or a channel's `send` to fail it at once (a 404 from a
 * lookup, a number the provider refuses); any other error thrown is retried.
 * `ctx.http` rejects with one too. Kairos reads `retry` and `result` off
 * whatever is thrown rather than by `instanceof`, so a plugin bundling its
 * own copy of the SDK is understood.
 */
export class EffectFailure extends Error {
  override name = 'EffectFailure'
  readonly retry: boolean
  /** What to keep: on the effect and the step, or on the delivery as the provider's response (an error answer, say). */
  readonly result?: unknown

  constructor(message: string, options: { retry: boolean; result?: unknown }) {
    super(message)
    this.retry = options.retry
    if (options.result !== undefined) this.result = options.result
  }
}

/** How one attempt went. */
export type AttemptOutcome = { ok: true; result: unknown } | { ok: false; retry: boolean; error: string; result?: unknown }

/**
 * An error thrown by an attempt, as an outcome: one with a boolean `retry`
 * (an `EffectFailure`) says whether to try again, and its `result` is kept;
 * anything else is retried. Read off the error rather than by `instanceof`,
 * since a plugin may carry its own copy of the SDK.
 */
export function failedAttempt(error: unknown): AttemptOutcome {
  const message = error instanceof Error ? error.message : String(error)
  const { retry, result } = (error ?? {}) as { retry?: unknown; result?: unknown }
  if (typeof retry === 'boolean') return { ok: false, retry, error: message, ...(result === undefined ? {} : { result }) }
  return { ok: false, retry: true, error: message }
}

/** What follows an attempt: the effect settles, or it is tried again after `delayMs`. */
export type AfterAttempt =
  | { settle: 'done'; result: unknown }
  | { settle: 'failed'; error: string; result?: unknown }
  | { retryInMs: number; error: string; result?: unknown }

/** Decides what follows attempt number `attempt`, by the retry policy: the one rule the server and the test harness both follow. */
export function afterAttempt(outcome: AttemptOutcome, attempt: number, random?: () => number): AfterAttempt {
  if (outcome.ok) return { settle: 'done', result: outcome.result }
  const kept = outcome.result === undefined ? {} : { result: outcome.result }
  if (!outcome.retry || attempt >= EFFECT_RETRY.maxAttempts) {
    const why = outcome.retry ? `${outcome.error} (gave up after ${attempt} attempts)` : outcome.error
    return { settle: 'failed', error: why, ...kept }
  }
  return { retryInMs: effectBackoffMs(attempt, random), error: outcome.error, ...kept }
}

/** UTF-8 size of a text. */
export const byteLength = (text: string): number => new TextEncoder().encode(text).length
