import { afterSend, defineNode, goTo } from '@kairos/sdk'
import { addressOf } from './address.ts'
import { SendEmailConfig, validateSendEmail } from './config.ts'

/**
 * Emails the contact through an SMTP channel: subject, text and optional HTML
 * bodies rendered from Liquid templates. Like every message, it is a delivery
 * keyed by the step, so a retried step never sends twice; SMTP 4xx answers
 * and dropped connections are retried, 5xx go to `failed` with the reply.
 */
export default defineNode({
  type: 'send.email',
  version: 1,
  title: 'Send email',
  category: 'action',
  description:
    'Email the contact through an email.smtp channel. Subject, text and HTML are Liquid templates: {{ contact.name | default: "there" }}. ' +
    '"skipped" without an address; "failed" when the SMTP server refuses it or every retry fails.',
  config: SendEmailConfig,
  ports: ['next', 'failed', 'skipped'],
  validate: validateSendEmail,
  async run({ config, contact, services }) {
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
    return afterSend(receipt, { sent: 'next', failed: 'failed' }, { to: address.to })
  },
})
