import type { Where } from './conditions/where.ts'
import type { DeliveryReceipt, EffectReceipt } from './services.ts'

/** Go on through `port` now. `output` is recorded on the step for the trace. */
export interface PortResult {
  kind: 'port'
  port: string
  output?: Record<string, unknown>
}

/** Sleep, then go on through `port`. Exactly one of `for` (a duration) or `until`. */
export interface WaitResult {
  kind: 'wait'
  for?: string
  until?: Date
  port: string
  output?: Record<string, unknown>
}

/**
 * Wait for the contact's next `event` (matching `where`) or for the timeout,
 * whichever comes first; exactly one wins and the run goes on through its port.
 */
export interface WaitForEventResult {
  kind: 'waitForEvent'
  event: string
  where?: Where
  timeout: { for?: string; until?: Date }
  ports: { received: string; timeout: string }
  /** Pick the port by a property of the event instead (call outcomes): value → port; others go to `received`. */
  portBy?: { property: string; ports: Record<string, string> }
  output?: Record<string, unknown>
}

/**
 * Wait until a queued delivery is settled by its provider: sent → `ports.sent`,
 * failed for good (or no answer within `timeout`, default 7d) → `ports.failed`,
 * stopped by a policy when it came due (the contact opted out while it was
 * deferred) → `ports.suppressed` (default `ports.failed`).
 * The provider's answer or error is recorded on the step.
 */
export interface WaitForDeliveryResult {
  kind: 'waitForDelivery'
  delivery: string
  ports: { sent: string; failed: string; suppressed?: string }
  timeout?: { for?: string }
  output?: Record<string, unknown>
}

/**
 * Wait until an effect settles: done → `ports.done`, failed for good (or no
 * result within `timeout`, default 1d) → `ports.failed`. The result (an
 * HTTP effect's `response`, a named one's `result`) or the error is recorded
 * on the step the run leaves through, and later templates read it as
 * `effects.<node id>`.
 */
export interface WaitForEffectResult {
  kind: 'waitForEffect'
  effect: string
  ports: { done: string; failed: string }
  timeout?: { for?: string }
  output?: Record<string, unknown>
}

/** End the run here with status `exited`. */
export interface ExitResult {
  kind: 'exit'
  reason?: string
}

/** What a node's `run` returns: the engine, not the node, turns it into a transition. */
export type NodeResult = PortResult | WaitResult | WaitForEventResult | WaitForDeliveryResult | WaitForEffectResult | ExitResult

/**
 * The ports a result names, each of which the node must declare: a port's or a
 * wait's port, both ports of a wait for an event (and those of `portBy`), each
 * port of a wait for a delivery or an effect; an exit names none. The engine fails a run
 * whose node names another, and `runNode` throws.
 */
export function portsNamed(result: NodeResult): string[] {
  switch (result.kind) {
    case 'port':
    case 'wait':
      return [result.port]
    case 'waitForEvent':
      return [result.ports.received, result.ports.timeout, ...Object.values(result.portBy?.ports ?? {})]
    case 'waitForDelivery':
      return [result.ports.sent, result.ports.failed, ...(result.ports.suppressed ? [result.ports.suppressed] : [])]
    case 'waitForEffect':
      return [result.ports.done, result.ports.failed]
    default:
      return []
  }
}

export const goTo = (port: string, output?: Record<string, unknown>): PortResult => ({ kind: 'port', port, output })

export const waitFor = (duration: string, port = 'next'): WaitResult => ({ kind: 'wait', for: duration, port })

export const waitUntil = (until: Date, port = 'next'): WaitResult => ({ kind: 'wait', until, port })

export const waitForEvent = (spec: Omit<WaitForEventResult, 'kind'>): WaitForEventResult => ({ kind: 'waitForEvent', ...spec })

export const exitRun = (reason?: string): ExitResult => ({ kind: 'exit', reason })

/** How long `afterSend` waits for a provider's answer once the message is due (the engine's default too). */
const ANSWER_TIMEOUT = '7d'

/**
 * Where a message node goes after `messages.send`: on at once when the outbox
 * already settled it (sent, or failed), else a wait for the delivery to settle.
 * A message a policy suppressed goes through `ports.suppressed` (default
 * `ports.failed`: it was not sent) with the rule on the step. One a policy
 * deferred (`scheduled`: quiet hours, a cap's window) is waited for until it
 * goes out, through a channel or the outbox alike: when it is due consent and
 * caps are checked again, so it may still end suppressed. The deferral is
 * recorded on the step, and the wait for the provider's answer starts when the
 * message is due (the run's wake time is the send time plus 7 days).
 */
export function afterSend(
  receipt: Pick<DeliveryReceipt, 'id' | 'status'> & Partial<Pick<DeliveryReceipt, 'reason' | 'deferred'>>,
  ports: { sent: string; failed: string; suppressed?: string } = { sent: 'next', failed: 'failed' },
  output: Record<string, unknown> = {},
): NodeResult {
  const recorded = { delivery: receipt.id, ...output, ...(receipt.deferred ? { deferred: { until: receipt.deferred.until, rule: receipt.deferred.rule } } : {}) }
  if (receipt.status === 'suppressed') return goTo(ports.suppressed ?? ports.failed, { ...recorded, status: 'suppressed', reason: receipt.reason ?? 'suppressed by a policy' })
  if (receipt.status === 'failed') return goTo(ports.failed, recorded)
  if (receipt.status === 'sent') return goTo(ports.sent, recorded)
  const timeout = receipt.deferred && receipt.deferred.delayMs > 0 ? { for: `${Math.ceil(receipt.deferred.delayMs)}ms${ANSWER_TIMEOUT}` } : undefined
  return { kind: 'waitForDelivery', delivery: receipt.id, ports: { ...ports }, output: recorded, ...(timeout ? { timeout } : {}) }
}

/**
 * Where a node goes after `services.effects.http` or `.run`: a wait until the
 * effect settles, then `ports.done` (default `next`) or `ports.failed`
 * (default `failed`). `options.timeout` (a duration, default `1d`) bounds the
 * wait; `options.output` is recorded on the step beside the result.
 */
export function afterEffect(
  receipt: Pick<EffectReceipt, 'id'>,
  ports: { done: string; failed: string } = { done: 'next', failed: 'failed' },
  options: { output?: Record<string, unknown>; timeout?: string } = {},
): WaitForEffectResult {
  return {
    kind: 'waitForEffect', effect: receipt.id, ports: { ...ports },
    ...(options.output ? { output: options.output } : {}), ...(options.timeout ? { timeout: { for: options.timeout } } : {}),
  }
}
