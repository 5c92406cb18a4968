import { afterSend, defineNode, goTo, readPath, Type, validateTemplate } from '@kairos/sdk'
import { i18nV2 } from './i18n.ts'

/**
 * send.sms version 2: through a configured channel (or the server's default
 * provider), and waits for the provider's answer: `next` once sent, `failed`
 * with the provider's error on the step when it refuses or every retry fails.
 * Version 1 stays for flows published with it (it never waits).
 */
export default defineNode({
  type: 'send.sms',
  version: 2,
  title: 'Send SMS',
  category: 'action',
  i18n: i18nV2,
  description: 'Text the contact and wait for the provider. The message is a Liquid template: {{ contact.name | default: "there" }}.',
  config: Type.Object(
    {
      text: Type.String({ minLength: 1, maxLength: 1600, format: 'kairos-template', description: 'Message text (Liquid)' }),
      to: Type.String({ default: 'phone', description: 'Contact attribute holding the phone number' }),
      channel: Type.Optional(Type.String({ minLength: 1, 'x-kairos-channel': 'sms.http', description: 'SMS channel to send through (an sms.http channel, set up with PUT /api/channels/:name); the default provider when empty' })),
      category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], { default: 'marketing' }),
    },
    { additionalProperties: false },
  ),
  ports: ['next', 'failed', 'skipped'],
  validate: (config) => validateTemplate(config.text, 'config.text'),
  async run({ config, contact, services }) {
    const to = readPath(contact.attributes, config.to)
    if (typeof to !== 'string' || to.trim() === '') return goTo('skipped', { reason: `contact has no ${config.to}` })
    const body = await services.templates.render(config.text)
    const receipt = await services.messages.send({ channel: 'sms', via: config.channel, to, body, category: config.category })
    // v2 predates policies: a suppressed message leaves through skipped (not sent, not an error); v3 has its own port.
    return afterSend(receipt, { sent: 'next', failed: 'failed', suppressed: 'skipped' }, { to })
  },
})
