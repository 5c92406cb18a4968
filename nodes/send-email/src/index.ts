import { defineNode } from '@kairos/sdk'
import { SendEmailConfig, validateSendEmail } from './config.ts'
import { sendEmail } from './send.ts'
import { i18nV1 } from './i18n.ts'

/**
 * Emails the contact through an SMTP channel: subject, text and optional HTML
 * bodies rendered from Liquid templates. Like every message, it is a delivery
 * keyed by the step, so a retried step never sends twice; SMTP 4xx answers
 * and dropped connections are retried, 5xx go to `failed` with the reply.
 * Version 1 predates message policies: a suppressed email leaves through
 * `skipped` (not sent, not an error); version 2 has a `suppressed` port.
 */
export default defineNode({
  type: 'send.email',
  version: 1,
  title: 'Send email',
  category: 'action',
  description:
    'Email the contact through an email.smtp channel. Subject, text and HTML are Liquid templates: {{ contact.name | default: "there" }}. ' +
    '"skipped" without an address; "failed" when the SMTP server refuses it or every retry fails.',
  i18n: i18nV1,
  config: SendEmailConfig,
  ports: ['next', 'failed', 'skipped'],
  validate: validateSendEmail,
  run: (ctx) => sendEmail(ctx, 'skipped'),
})
