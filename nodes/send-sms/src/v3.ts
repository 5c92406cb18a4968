import { afterSend, defineNode, goTo, readPath, Type, validateTemplate } from '@kairos/sdk'
import { i18nV3 } from './i18n.ts'

/**
 * send.sms version 3: version 2 plus a `suppressed` port, taken when a
 * message policy stopped the SMS (the contact opted out of SMS, or a
 * frequency cap was reached): the rule is on the step and the delivery is
 * recorded as suppressed. Marketing by default, so caps and quiet hours apply;
 * a message due in quiet hours waits for their end before it is sent.
 */
export default defineNode({
  type: 'send.sms',
  version: 3,
  title: 'Send SMS',
  category: 'action',
  i18n: i18nV3,
  description:
    'Text the contact and wait for the provider. The message is a Liquid template: {{ contact.name | default: "there" }}. ' +
    'Marketing messages obey frequency caps and quiet hours; "suppressed" when a cap or the contact\'s consent stops it.',
  config: Type.Object(
    {
      text: Type.String({ minLength: 1, maxLength: 1600, format: 'kairos-template', description: 'Message text (Liquid)' }),
      to: Type.String({ default: 'phone', description: 'Contact attribute holding the phone number' }),
      channel: Type.Optional(Type.String({ minLength: 1, 'x-kairos-channel': 'sms.http', description: 'SMS channel to send through (an sms.http channel, set up with PUT /api/channels/:name); the default provider when empty' })),
      category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], {
        default: 'marketing',
        description: 'marketing: caps and quiet hours apply; transactional (a code, a receipt): only consent applies',
      }),
    },
    { additionalProperties: false },
  ),
  ports: ['next', 'failed', 'skipped', 'suppressed'],
  validate: (config) => validateTemplate(config.text, 'config.text'),
  async run({ config, contact, services }) {
    const to = readPath(contact.attributes, config.to)
    if (typeof to !== 'string' || to.trim() === '') return goTo('skipped', { reason: `contact has no ${config.to}` })
    const body = await services.templates.render(config.text)
    const receipt = await services.messages.send({ channel: 'sms', via: config.channel, to, body, category: config.category })
    return afterSend(receipt, { sent: 'next', failed: 'failed', suppressed: 'suppressed' }, { to })
  },
})
