import { goTo, type NodeContext, type NodeResult } from '@kairos/sdk'
import { awaitOutcome } from './await-outcome.ts'
import type { CallConfig } from './config.ts'
import { phoneOf } from './phone.ts'

/**
 * Provider mode: the call goes out as a delivery on a call.http channel, which
 * POSTs `{ id, channel: "call", to, script, contact, idempotencyKey }` to the
 * provider. The provider reports the outcome by posting the event
 * `call.completed` for the contact with `{ call: "delivery:<id>", outcome }`.
 * A call a message policy suppressed (opted out of calls, a frequency cap)
 * leaves through `suppressedPort`: `failed` in version 1, `suppressed` in 2.
 */
export async function callByProvider(
  { config, contact, services }: NodeContext<CallConfig>,
  options: { suppressedPort: string } = { suppressedPort: 'failed' },
): Promise<NodeResult> {
  const to = phoneOf(contact, config.to)
  if (!to) return goTo('failed', { reason: `contact has no ${config.to}` })
  const body = config.script === undefined ? '' : await services.templates.render(config.script)
  const receipt = await services.messages.send({
    channel: 'call',
    via: config.channel,
    to,
    body,
    data: { contact: contact.externalId },
    // A call interrupts more than a text: it counts as marketing, so caps and quiet hours apply.
    category: 'marketing',
  })
  if (receipt.status === 'suppressed') return goTo(options.suppressedPort, { delivery: receipt.id, to, status: 'suppressed', reason: receipt.reason })
  if (receipt.status === 'failed') return goTo('failed', { delivery: receipt.id, to, reason: 'the call provider refused the call' })
  // A call deferred by quiet hours is placed later: the wait for its outcome starts then.
  const deferred = receipt.deferred
  const timeout = deferred ? `${Math.ceil(deferred.delayMs)}ms${config.timeout}` : config.timeout
  const output = { delivery: receipt.id, to, ...(deferred ? { deferred: { until: deferred.until, rule: deferred.rule } } : {}) }
  return awaitOutcome(`delivery:${receipt.id}`, timeout, output, { failedOutcome: true, suppressedPort: options.suppressedPort })
}
