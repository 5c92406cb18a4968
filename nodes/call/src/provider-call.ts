import { goTo, type NodeContext, type NodeResult } from '@kairos/sdk'
import { awaitOutcome } from './await-outcome.ts'
import type { CallConfig } from './config.ts'
import { phoneOf } from './phone.ts'

/**
 * Provider mode: the call goes out as a delivery on a call.http channel, which
 * POSTs `{ id, channel: "call", to, script, contact, idempotencyKey }` to the
 * provider. The provider reports the outcome by posting the event
 * `call.completed` for the contact with `{ call: "delivery:<id>", outcome }`.
 */
export async function callByProvider({ config, contact, services }: NodeContext<CallConfig>): Promise<NodeResult> {
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
  if (receipt.status === 'failed') return goTo('failed', { delivery: receipt.id, to, reason: 'the call provider refused the call' })
  return awaitOutcome(`delivery:${receipt.id}`, config.timeout, { delivery: receipt.id, to }, { failedOutcome: true })
}
