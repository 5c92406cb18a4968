import { attemptEffect } from '../effects/effect-calls.ts'
import { afterAttempt, EffectFailure } from '../effects/effect-policy.ts'
import type { EffectFunction } from '../effects/effect-types.ts'
import type { HttpTransport } from '../effects/http-effect.ts'
import { MAX_REDIRECTS, REDIRECT_STATUSES, redirectedHop, type RequestHop } from '../effects/redirect-hop.ts'
import type { ManualClock } from './manual-clock.ts'
import type { MemoryWorld, RecordedEffect } from './memory-services.ts'

/**
 * Requests made with Node's `fetch`, to whatever URL the effect names (a
 * test's fake server on 127.0.0.1 included: the outbound guard is the
 * server's, and the harness does not apply it). Redirects are followed by
 * the server's rule (`redirectedHop`, each target passed to `onRedirect`).
 */
export const fetchTransport: HttpTransport = async (request, signal, options) => {
  let hop: RequestHop = { url: new URL(request.url), method: request.method, headers: request.headers, body: request.body }
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(hop.url, { method: hop.method, headers: hop.headers, body: hop.body, signal, redirect: 'manual' }).catch((error: Error) => {
      // fetch says only "fetch failed"; the cause says what failed (connect ECONNREFUSED …), as the server's requests do.
      throw error.cause instanceof Error && !signal.aborted ? error.cause : error
    })
    const location = response.headers.get('location')
    if (!REDIRECT_STATUSES.has(response.status) || !location) return { status: response.status, text: await response.text() }
    await response.body?.cancel()
    if (redirects >= MAX_REDIRECTS) throw new EffectFailure(`destination refused: more than ${MAX_REDIRECTS} redirects`, { retry: false })
    const next = new URL(location, hop.url)
    options?.onRedirect?.(next.href)
    hop = redirectedHop(hop, response.status, next)
  }
}

export interface EffectRunOptions {
  clock: ManualClock
  /** The node whose named effects run. */
  definition: { type: string; version: number; effects?: Record<string, EffectFunction> }
  /** Draws the backoff jitter (default Math.random). */
  random?: () => number
  /** How requests are made (default `fetchTransport`). */
  transport?: HttpTransport
}

/**
 * Runs the world's pending effects as the server's job does: attempt after
 * attempt by the same retry rules (`afterAttempt`), with the backoff between
 * them taken on the manual clock instead of waited for, until each settles.
 */
export async function runPendingEffects(world: MemoryWorld, options: EffectRunOptions): Promise<void> {
  for (const effect of world.effects ?? []) if (effect.status === 'pending') await settle(effect, options)
}

async function settle(effect: RecordedEffect, options: EffectRunOptions): Promise<void> {
  const runner = {
    transport: options.transport ?? fetchTransport,
    effect: (name: string) => options.definition.effects?.[name],
    node: `${options.definition.type}@${options.definition.version}`,
  }
  for (let attempt = 1; ; attempt++) {
    const at = options.clock.now()
    const outcome = await attemptEffect(effect, attempt, runner)
    effect.attempts.push({ at, outcome })
    const next = afterAttempt(outcome, attempt, options.random)
    if ('retryInMs' in next) {
      options.clock.advance(next.retryInMs)
      continue
    }
    effect.status = next.settle
    if (next.result !== undefined) effect.result = next.result
    if (next.settle === 'failed') effect.error = next.error
    return
  }
}
