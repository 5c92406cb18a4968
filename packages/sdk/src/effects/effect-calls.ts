import type { AttemptOutcome } from './effect-policy.ts'
import type { EffectFunction, EffectOptions, EffectSpec, EffectStatus, HttpEffectRequest, HttpEffectSpec, NamedEffectRequest } from './effect-types.ts'
import { attemptHttp, httpEffectSpec, type HttpTransport } from './http-effect.ts'
import { attemptNamed, namedEffectRequest } from './named-effect.ts'

/** An effect a step asks for, checked, with its idempotency key. */
export type EffectCall = EffectSpec & { idempotencyKey: string }

/** The key of an effect: the step's (`run:<id>:<seq>`), then `effect:` and the effect's key within the step. */
const keyOf = (stepKey: string, key: string) => `${stepKey}:effect:${key}`

/** What `services.effects.http` records (throws naming the field of a request Kairos cannot make). */
export function httpEffectCall(request: HttpEffectRequest, options: EffectOptions = {}, stepKey: string): EffectCall {
  return { kind: 'http', name: 'http', request: httpEffectSpec(request), idempotencyKey: keyOf(stepKey, options.key ?? 'http') }
}

/** What `services.effects.run` records for the node `definition` (throws when it declares no such effect, or the input is not JSON). */
export function namedEffectCall(
  definition: { type: string; version: number; effects?: Record<string, EffectFunction> },
  name: string,
  input: unknown,
  options: EffectOptions = {},
  stepKey: string,
): EffectCall {
  return { kind: 'named', name, request: namedEffectRequest(definition, name, input, options.timeoutMs), idempotencyKey: keyOf(stepKey, options.key ?? name) }
}

/** Runs one attempt of a recorded effect: the server and the test harness both call this, each with its own transport. */
export function attemptEffect(
  effect: EffectCall,
  attempt: number,
  runner: { transport: HttpTransport; effect(name: string): EffectFunction | undefined; node: string },
): Promise<AttemptOutcome> {
  if (effect.kind === 'http') return attemptHttp(effect.request as HttpEffectSpec, effect.idempotencyKey, runner.transport)
  const run = runner.effect(effect.name)
  if (!run) return Promise.resolve({ ok: false, retry: false, error: `node type ${runner.node} has no effect "${effect.name}" in this process` })
  return attemptNamed(run, effect.request as NamedEffectRequest, { name: effect.name, attempt, idempotencyKey: effect.idempotencyKey, transport: runner.transport })
}

/** A settled effect as the run sees it. */
export interface SettledEffect {
  id: string
  kind: 'http' | 'named'
  name: string
  status: EffectStatus
  attempts: number
  result?: unknown
  error?: string | null
}

/**
 * What a settled effect adds to the step its run resumes through, and what
 * templates of later steps read as `effects.<node id>`: `{ effect, name,
 * status, attempts }` with `response` (an HTTP effect's `{ status, body }`)
 * or `result` (a named effect's), and `error` when it failed.
 */
export function effectOutput(effect: SettledEffect): Record<string, unknown> {
  const output: Record<string, unknown> = { effect: effect.id, name: effect.name, status: effect.status, attempts: effect.attempts }
  if (effect.result !== undefined && effect.result !== null) output[effect.kind === 'http' ? 'response' : 'result'] = effect.result
  if (effect.error) output.error = effect.error
  return output
}

/**
 * Where a run waiting for `effect` goes once it settled: `ports.done` or
 * `ports.failed`, with the wait's output and the effect's on the step (the
 * wait's own timeout error dropped when it is done).
 */
export function effectResume(
  ports: { done: string; failed: string },
  waitOutput: Record<string, unknown> | undefined,
  effect: SettledEffect,
): { port: string; output: Record<string, unknown> } {
  const output = { ...waitOutput, ...effectOutput(effect) }
  if (effect.status === 'done') delete output.error
  return { port: effect.status === 'done' ? ports.done : ports.failed, output }
}
