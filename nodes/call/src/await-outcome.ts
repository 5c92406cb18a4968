import { waitForEvent, type WaitForEventResult } from '@kairos/sdk'

/** The event a finished call is reported as, by a rep completing the task or by the provider. */
export const CALL_COMPLETED = 'call.completed'

/** Outcome (the event's `outcome` property) → port. */
const OUTCOME_PORTS = { answered: 'answered', no_answer: 'no_answer', busy: 'busy' }

/**
 * Waits for `call.completed` about this call (`call` is `task:<id>` or
 * `delivery:<id>`), going through the port its `outcome` names, or through
 * `timeout`. The engine sends any other outcome to `received`, which is
 * `answered`; a provider may also report `failed` where `failedOutcome` is set,
 * and Kairos `suppressed` (a call deferred by quiet hours, stopped by consent or
 * a cap when it came due) where `suppressedPort` is set.
 */
export function awaitOutcome(
  call: string,
  timeout: string,
  output: Record<string, unknown>,
  options: { failedOutcome?: boolean; suppressedPort?: string } = {},
): WaitForEventResult {
  const ports: Record<string, string> = options.failedOutcome ? { ...OUTCOME_PORTS, failed: 'failed' } : { ...OUTCOME_PORTS }
  if (options.suppressedPort) ports.suppressed = options.suppressedPort
  return waitForEvent({
    event: CALL_COMPLETED,
    where: { call },
    timeout: { for: timeout },
    ports: { received: 'answered', timeout: 'timeout' },
    portBy: { property: 'outcome', ports },
    output: { call, ...output },
  })
}
