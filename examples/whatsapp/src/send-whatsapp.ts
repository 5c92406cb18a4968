import { afterSend, defineNode, goTo, readPath, Type, validateTemplate, type Problem } from '@kairos/sdk'
import type { TemplateMessage } from './cloud-api.ts'

/**
 * Sends an approved WhatsApp message template to the contact through a
 * whatsapp.cloud channel, its body variables ({{1}}, {{2}}, …) filled from
 * Liquid templates, and waits for WhatsApp's answer: `next` once accepted,
 * `failed` with WhatsApp's error, `suppressed` when a policy (consent, a
 * frequency cap) stopped it, `skipped` for a contact with no number or a
 * variable that renders empty (WhatsApp refuses those).
 * WhatsApp requires an approved template to open a conversation, which is why
 * this node sends templates only.
 */
export default defineNode({
  type: 'send.whatsapp',
  version: 1,
  title: 'Send WhatsApp template',
  category: 'action',
  description:
    'Send an approved WhatsApp template; its body variables are Liquid templates such as {{ contact.name }}. ' +
    'Marketing messages obey frequency caps and quiet hours; "suppressed" when a cap or the contact\'s consent stops it.',
  config: Type.Object(
    {
      channel: Type.String({ minLength: 1, 'x-kairos-channel': 'whatsapp.cloud', description: 'The whatsapp.cloud channel to send through (PUT /api/channels/:name)' }),
      template: Type.String({ pattern: '^[a-z0-9_]{1,512}$', description: 'The approved template\'s name, e.g. order_shipped' }),
      language: Type.String({ pattern: '^[a-z]{2,3}(_[A-Z]{2})?$', default: 'en_US', description: 'The template language\'s code, e.g. en_US, pt_BR, zh_CN' }),
      parameters: Type.Array(Type.String({ minLength: 1, maxLength: 1024, format: 'kairos-template' }), {
        default: [],
        maxItems: 20,
        description: 'The body variables {{1}}, {{2}}, … in order, each a Liquid template',
      }),
      to: Type.String({ default: 'phone', description: 'Contact attribute holding the WhatsApp number, with country code (+5511987654321)' }),
      category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], {
        default: 'marketing',
        description: 'marketing: caps and quiet hours apply; transactional (an order update, a code): only consent applies',
      }),
    },
    { additionalProperties: false },
  ),
  ports: ['next', 'failed', 'skipped', 'suppressed'],
  validate: (config) => config.parameters.flatMap((text, i): Problem[] => validateTemplate(text, `config.parameters[${i}]`)),
  async run({ config, contact, services }) {
    const to = readPath(contact.attributes, config.to)
    if (typeof to !== 'string' || to.trim() === '') return goTo('skipped', { reason: `contact has no ${config.to}` })
    const values = (await Promise.all(config.parameters.map((text) => services.templates.render(text)))).map((value) => value.trim())
    // WhatsApp refuses a template with an empty variable: say which, rather than fail at the provider.
    const empty = values.findIndex((value) => value === '')
    if (empty >= 0) return goTo('skipped', { reason: `parameter {{${empty + 1}}} (config.parameters[${empty}]) rendered empty for this contact` })
    const template: TemplateMessage = {
      name: config.template,
      language: { code: config.language },
      ...(values.length > 0 ? { components: [{ type: 'body', parameters: values.map((text) => ({ type: 'text', text })) }] } : {}),
    }
    const receipt = await services.messages.send({
      channel: 'whatsapp',
      via: config.channel,
      to: to.trim(),
      // What the outbox and the run's trace show; WhatsApp renders the approved text itself.
      body: `${config.template} (${config.language})${values.length > 0 ? `: ${values.join(' | ')}` : ''}`,
      data: { template },
      category: config.category,
    })
    return afterSend(receipt, { sent: 'next', failed: 'failed', suppressed: 'suppressed' }, { to: to.trim(), template: config.template })
  },
})
