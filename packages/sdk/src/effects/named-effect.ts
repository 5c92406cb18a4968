import { byteLength, EFFECT_LIMITS, EffectFailure, failedAttempt, type AttemptOutcome } from './effect-policy.ts'
import type { EffectFunction, NamedEffectRequest } from './effect-types.ts'
import { attemptTimeout, httpEffectSpec, sendHttp, type HttpTransport } from './http-effect.ts'

/** The effects a definition declares, as far as running them goes. */
interface WithEffects {
  type: string
  version: number
  effects?: Record<string, EffectFunction>
}

/**
 * Checks a call to `services.effects.run` and gives it its stored form:
 * the node must declare the effect, and the input must be JSON within
 * `EFFECT_LIMITS.requestBytes`. Throws naming what is wrong.
 */
export function namedEffectRequest(definition: WithEffects, name: string, input: unknown, timeoutMs?: number): NamedEffectRequest {
  const node = `${definition.type}@${definition.version}`
  if (typeof definition.effects?.[name] !== 'function') {
    const declared = Object.keys(definition.effects ?? {})
    throw new Error(`effects.run: node type ${node} declares no effect "${name}" (declared: ${declared.join(', ') || 'none'})`)
  }
  const text = input === undefined ? 'null' : JSON.stringify(input)
  if (text === undefined) throw new Error(`effects.run("${name}"): the input must be a JSON value`)
  if (byteLength(text) > EFFECT_LIMITS.requestBytes) throw new Error(`effects.run("${name}"): the input is over ${EFFECT_LIMITS.requestBytes} bytes`)
  return { input: JSON.parse(text), timeoutMs: attemptTimeout(timeoutMs, `effects.run("${name}"): timeoutMs`) }
}

/**
 * One attempt of a named effect: the function with its context, within the
 * attempt's time (its `signal` aborts then, and an attempt still running
 * counts as failed and is retried; a function that ignores the signal keeps
 * running in the background, as nothing can stop it from outside). The
 * result must be JSON within `EFFECT_LIMITS.resultBytes`.
 */
export async function attemptNamed(
  effect: EffectFunction,
  request: NamedEffectRequest,
  context: { name: string; attempt: number; idempotencyKey: string; transport: HttpTransport },
): Promise<AttemptOutcome> {
  const controller = new AbortController()
  const signal = controller.signal
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new EffectFailure(`effect "${context.name}" did not finish within ${request.timeoutMs} ms`, { retry: true })
      controller.abort(error)
      reject(error)
    }, request.timeoutMs)
  })
  const ctx = {
    http: async (req: Parameters<typeof httpEffectSpec>[0]) => {
      signal.throwIfAborted()
      let spec
      try {
        spec = httpEffectSpec(req)
      } catch (error) {
        // A request Kairos cannot make fails the same way on every attempt.
        throw new EffectFailure((error as Error).message, { retry: false })
      }
      return sendHttp(spec, context.transport, signal)
    },
    signal,
    attempt: context.attempt,
    idempotencyKey: context.idempotencyKey,
  }
  try {
    const result = await Promise.race([Promise.resolve().then(() => effect(structuredClone(request.input), ctx)), timedOut])
    const text = result === undefined ? 'null' : JSON.stringify(result)
    if (text === undefined) return { ok: false, retry: false, error: `effect "${context.name}" returned something that is not JSON` }
    if (byteLength(text) > EFFECT_LIMITS.resultBytes)
      return { ok: false, retry: false, error: `effect "${context.name}" returned ${byteLength(text)} bytes, more than the ${EFFECT_LIMITS.resultBytes} a result may hold` }
    return { ok: true, result: JSON.parse(text) }
  } catch (error) {
    return failedAttempt(error)
  } finally {
    clearTimeout(timer)
    if (!signal.aborted) controller.abort(new Error(`effect "${context.name}" attempt ${context.attempt} is over`))
  }
}
