import { defineNode, goTo, readPath, Type, validateTemplate } from '@kairos/sdk'
import { i18nV1 } from './i18n.ts'

/**
 * Sends an SMS rendered from a Liquid template to the contact's phone. The
 * delivery is recorded in the outbox with the step's idempotency key; the
 * provider call happens in its own retried job, so a retried step never sends twice.
 */
export default defineNode({
  type: 'send.sms',
  version: 1,
  title: 'Send SMS',
  category: 'action',
  i18n: i18nV1,
  description: 'Text the contact. The message is a Liquid template: {{ contact.name | default: "there" }}.',
  config: Type.Object(
    {
      text: Type.String({ minLength: 1, maxLength: 1600, format: 'kairos-template', description: 'Message text (Liquid)' }),
      to: Type.String({ default: 'phone', description: 'Contact attribute holding the phone number' }),
      category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], { default: 'marketing' }),
    },
    { additionalProperties: false },
  ),
  ports: ['next', 'skipped'],
  validate: (config) => validateTemplate(config.text, 'config.text'),
  async run({ config, contact, services }) {
    const to = readPath(contact.attributes, config.to)
    if (typeof to !== 'string' || to.trim() === '') return goTo('skipped', { reason: `contact has no ${config.to}` })
    const body = await services.templates.render(config.text)
    const delivery = await services.messages.send({ channel: 'sms', to, body, category: config.category })
    // v1 never waits and has no port for it; a policy's suppression is still on the step.
    const suppressed = delivery.status === 'suppressed' ? { status: 'suppressed', reason: delivery.reason } : {}
    return goTo('next', { delivery: delivery.id, duplicate: delivery.duplicate, ...suppressed })
  },
})
