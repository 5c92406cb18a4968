import type { Where } from './conditions/where.ts'

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
 * failed for good (or no answer within `timeout`, default 7d) → `ports.failed`.
 * The provider's answer or error is recorded on the step.
 */
export interface WaitForDeliveryResult {
  kind: 'waitForDelivery'
  delivery: string
  ports: { sent: string; failed: string }
  timeout?: { for?: string }
  output?: Record<string, unknown>
}

/** End the run here with status `exited`. */
export interface ExitResult {
  kind: 'exit'
  reason?: string
}

/** What a node's `run` returns: the engine, not the node, turns it into a transition. */
export type NodeResult = PortResult | WaitResult | WaitForEventResult | WaitForDeliveryResult | ExitResult

export const goTo = (port: string, output?: Record<string, unknown>): PortResult => ({ kind: 'port', port, output })

export const waitFor = (duration: string, port = 'next'): WaitResult => ({ kind: 'wait', for: duration, port })

export const waitUntil = (until: Date, port = 'next'): WaitResult => ({ kind: 'wait', until, port })

export const waitForEvent = (spec: Omit<WaitForEventResult, 'kind'>): WaitForEventResult => ({ kind: 'waitForEvent', ...spec })

export const exitRun = (reason?: string): ExitResult => ({ kind: 'exit', reason })

/**
 * Where a message node goes after `messages.send`: on at once when the outbox
 * already settled it (sent, or failed), else a wait for the provider's answer.
 */
export function afterSend(
  receipt: { id: string; status: 'queued' | 'sent' | 'failed' },
  ports: { sent: string; failed: string } = { sent: 'next', failed: 'failed' },
  output: Record<string, unknown> = {},
): NodeResult {
  const recorded = { delivery: receipt.id, ...output }
  if (receipt.status === 'sent') return goTo(ports.sent, recorded)
  if (receipt.status === 'failed') return goTo(ports.failed, recorded)
  return { kind: 'waitForDelivery', delivery: receipt.id, ports, output: recorded }
}
