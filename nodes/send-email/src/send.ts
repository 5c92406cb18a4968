import { afterSend, goTo, type NodeContext, type NodeResult } from '@kairos/sdk'
import { addressOf } from './address.ts'
import type { SendEmailConfig } from './config.ts'

/**
 * Renders and sends the email; both versions of send.email run this. Where a
 * message policy suppressed it goes through `suppressedPort`.
 */
export async function sendEmail({ config, contact, services }: NodeContext<SendEmailConfig>, suppressedPort: string): Promise<NodeResult> {
  const address = addressOf(contact, config.to)
  if ('reason' in address) return goTo('skipped', { reason: address.reason })
  const [subject, text, html] = await Promise.all([
    services.templates.render(config.subject),
    services.templates.render(config.text),
    config.html === undefined ? undefined : services.templates.render(config.html),
  ])
  const receipt = await services.messages.send({
    channel: 'email',
    via: config.channel,
    to: address.to,
    // A subject is one header line: contact data with a newline in it must not start another header.
    subject: subject.replace(/\s+/g, ' ').trim(),
    body: text,
    ...(html === undefined ? {} : { html }),
    category: config.category,
  })
  return afterSend(receipt, { sent: 'next', failed: 'failed', suppressed: suppressedPort }, { to: address.to })
}
