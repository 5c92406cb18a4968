import { defineNode } from '@kairos/sdk'
import { SendEmailConfig, validateSendEmail } from './config.ts'
import { sendEmail } from './send.ts'
import { i18nV2 } from './i18n.ts'

/**
 * send.email version 2: version 1 plus a `suppressed` port, taken when a
 * message policy stopped the email (the contact opted out of email, or a
 * frequency cap was reached), with the rule on the step. Marketing by
 * default, so caps and quiet hours apply; an email due in quiet hours waits
 * for their end before it is sent.
 */
export default defineNode({
  type: 'send.email',
  version: 2,
  title: 'Send email',
  category: 'action',
  description:
    'Email the contact through an email.smtp channel. Subject, text and HTML are Liquid templates: {{ contact.name | default: "there" }}. ' +
    '"skipped" without an address; "failed" when the SMTP server refuses it or every retry fails; ' +
    '"suppressed" when a frequency cap or the contact\'s consent stops it (marketing emails also wait out quiet hours).',
  i18n: i18nV2,
  config: SendEmailConfig,
  ports: ['next', 'failed', 'skipped', 'suppressed'],
  validate: validateSendEmail,
  run: (ctx) => sendEmail(ctx, 'suppressed'),
})
