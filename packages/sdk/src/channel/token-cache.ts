import { createHash } from 'node:crypto'
import type { Clock } from '../clock.ts'

/** An access token as a provider issued it: WeCom's and WeChat's `{ access_token, expires_in }`. */
export interface IssuedToken {
  token: string
  /** Its lifetime from now, in seconds (`expires_in`; 7200 for WeCom and WeChat). */
  expiresInSeconds: number
}

/** How early a token is replaced before it expires, at most: 5 minutes, or a tenth of a short lifetime. */
export const TOKEN_REFRESH_MARGIN_SECONDS = 300

interface Held {
  token: string
  /** When it is replaced (ms): its expiry less the margin. */
  refreshAt: number
}

/**
 * Access tokens of a channel kind whose provider wants one before each call
 * (WeCom apps, WeChat official accounts): one per key, kept in this process
 * for its lifetime and replaced a little before it ends. Sends running at
 * the same time share one request for a token: the first asks, the others
 * wait for its answer. A channel module keeps one cache for its kind:
 *
 * ```ts
 * const tokens = new TokenCache()
 * // in send:
 * const key = tokenCacheKey(ctx.channel, [baseUrl, corpId, corpSecret])
 * const answer = await withAccessToken(tokens, { key, clock: ctx.clock, issue: () => fetchToken(ctx), use: (token) => post(token), expired: (a) => a.body.errcode === 42001 })
 * ```
 *
 * The cache is per process: each worker asks for its own token. Tokens are
 * held in memory only, never logged or put in an error.
 */
export class TokenCache {
  readonly #held = new Map<string, Held>()
  readonly #asking = new Map<string, Promise<string>>()

  /**
   * The token for `key`: the held one while it is fresh, else the answer of a
   * request for one already under way, else `issue()`'s (which may throw: the
   * failure reaches every send waiting for it, and nothing is kept).
   */
  async get(key: string, clock: Clock, issue: () => Promise<IssuedToken>): Promise<string> {
    const held = this.#held.get(key)
    if (held && clock.now().getTime() < held.refreshAt) return held.token
    const asking = this.#asking.get(key)
    if (asking) return asking
    const request = (async () => {
      const issued = await issue()
      const lifetimeMs = Math.max(0, issued.expiresInSeconds) * 1000
      const marginMs = Math.min(TOKEN_REFRESH_MARGIN_SECONDS * 1000, lifetimeMs / 10)
      const now = clock.now().getTime()
      this.#sweep(now)
      this.#held.set(key, { token: issued.token, refreshAt: now + lifetimeMs - marginMs })
      return issued.token
    })()
    this.#asking.set(key, request)
    try {
      return await request
    } finally {
      this.#asking.delete(key)
    }
  }

  /**
   * Forgets `token` for `key` when it is still the one held (the provider said
   * it expired or is invalid): the next `get` asks for a new one. A send that
   * saw an older token refused changes nothing, so many sends refused at once
   * cause one new request, not one each.
   */
  invalidate(key: string, token: string): void {
    if (this.#held.get(key)?.token === token) this.#held.delete(key)
  }

  /** Tokens held, for tests and metrics (their keys, never the tokens). */
  get size(): number {
    return this.#held.size
  }

  /** Drops tokens past their time, so a channel whose credentials changed leaves nothing behind for long. */
  #sweep(now: number): void {
    for (const [key, held] of this.#held) if (held.refreshAt <= now) this.#held.delete(key)
  }
}

/**
 * A cache key for a channel's token: the channel's name and what the token
 * depends on (endpoint, account id, secret), hashed so the key holds no
 * secret. A channel saved with a new secret gets a new token.
 */
export function tokenCacheKey(channel: string, credentials: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([channel, ...credentials])).digest('hex')
}

/**
 * One call with a cached token: `use(token)`, and when `expired(answer)` says
 * the provider refused the token (expired, invalid: WeCom 42001/40014,
 * WeChat 42001/40001), the token is dropped, a new one fetched and the call
 * made once more. The second answer is the answer, refused or not.
 */
export async function withAccessToken<A>(
  cache: TokenCache,
  call: { key: string; clock: Clock; issue: () => Promise<IssuedToken>; use: (token: string) => Promise<A>; expired: (answer: A) => boolean },
): Promise<A> {
  const token = await cache.get(call.key, call.clock, call.issue)
  const answer = await call.use(token)
  if (!call.expired(answer)) return answer
  cache.invalidate(call.key, token)
  return call.use(await cache.get(call.key, call.clock, call.issue))
}

/** `text` with every secret in it replaced by `••••••••`: for provider text that goes into an error or a log. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('••••••••')
  return out
}
