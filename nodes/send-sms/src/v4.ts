import { afterSend, defineNode, goTo, readPath, Type, validateTemplate, type Static } from '@kairos/sdk'
import { i18nV4 } from './i18n-v4.ts'

type Problem = ReturnType<typeof validateTemplate>[number]

/** The SMS channel kinds send.sms 4 sends through: free text (sms.http) or approved templates (sms.aliyun, sms.tencent). */
export const SMS_CHANNEL_KINDS = ['sms.http', 'sms.aliyun', 'sms.tencent']

/**
 * An approved template and its parameters, each a Liquid template: what mainland China's
 * SMS providers send instead of free text. Parameter names are the template's own: Aliyun's
 * `${code}` is `code`, Tencent's `{1}` is `1`.
 */
export const SmsTemplate = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64, description: "The approved template's code: Aliyun's TemplateCode (SMS_154950909), Tencent's TemplateId (1110)" }),
    params: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_]{1,64}$' }), Type.String({ maxLength: 500, format: 'kairos-template' }), {
      default: {},
      maxProperties: 20,
      description: 'Each parameter of the template by name (Aliyun: code for ${code}; Tencent: 1, 2 … for {1}, {2}), as a Liquid template',
    }),
  },
  { additionalProperties: false, 'x-kairos-widget': 'sms-template', 'x-kairos-template-of': 'channel', description: 'For an SMS channel that sends only approved templates (sms.aliyun, sms.tencent)' },
)
export type SmsTemplate = Static<typeof SmsTemplate>

const config = Type.Object(
  {
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 1600, format: 'kairos-template', description: 'Message text (Liquid), for a channel that sends free text' })),
    template: Type.Optional(SmsTemplate),
    to: Type.String({ default: 'phone', description: 'Contact attribute holding the phone number' }),
    channel: Type.Optional(Type.String({ minLength: 1, 'x-kairos-channel': SMS_CHANNEL_KINDS, description: 'SMS channel to send through (PUT /api/channels/:name); the default provider when empty' })),
    category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], {
      default: 'marketing',
      description: 'marketing: caps and quiet hours apply; transactional (a code, a receipt): only consent applies',
    }),
  },
  { additionalProperties: false },
)

/** Text or a template, not both; a template needs a channel (the default provider sends text); every Liquid part parses. */
function validate(c: Static<typeof config>): Problem[] {
  if (c.text !== undefined && c.template !== undefined)
    return [{ field: 'config.text', message: 'set either the message text or a template, not both (a template channel sends only the template)' }]
  if (c.text === undefined && c.template === undefined)
    return [{ field: 'config.text', message: 'write the message text, or choose a template channel (sms.aliyun, sms.tencent) and set its template' }]
  if (c.text !== undefined) return validateTemplate(c.text, 'config.text')
  const problems: Problem[] = []
  if (c.channel === undefined)
    problems.push({ field: 'config.channel', message: 'a template is sent through an SMS channel that takes templates (sms.aliyun or sms.tencent): choose one' })
  for (const [name, source] of Object.entries(c.template!.params)) problems.push(...validateTemplate(source, `config.template.params.${name}`))
  return problems
}

/** What the outbox shows for a template message: its code and rendered parameters. */
const describe = (code: string, params: Record<string, string>) =>
  `template ${code}${Object.keys(params).length > 0 ? `: ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}`

/**
 * send.sms version 4: version 3, plus China's SMS rule. Through a channel whose kind
 * sends only approved templates (sms.aliyun, sms.tencent), the step sends a template's
 * code and its parameters, each rendered from Liquid, instead of free text; publishing
 * refuses a template channel without a template, and a text channel with one. Flows
 * published with version 3 keep it.
 */
export default defineNode({
  type: 'send.sms',
  version: 4,
  title: 'Send SMS',
  category: 'action',
  description:
    'Text the contact and wait for the provider: free text (Liquid), or through Aliyun or Tencent an approved template and its parameters. ' +
    'Marketing messages obey frequency caps and quiet hours; "suppressed" when a cap or the contact\'s consent stops it.',
  i18n: i18nV4,
  config,
  ports: ['next', 'failed', 'skipped', 'suppressed'],
  validate,
  async run({ config: c, contact, services }) {
    const to = readPath(contact.attributes, c.to)
    if (typeof to !== 'string' || to.trim() === '') return goTo('skipped', { reason: `contact has no ${c.to}` })
    const base = { channel: 'sms', via: c.channel, to, category: c.category }
    let receipt
    if (c.template) {
      const params: Record<string, string> = {}
      for (const [name, source] of Object.entries(c.template.params)) params[name] = await services.templates.render(source)
      receipt = await services.messages.send({ ...base, body: describe(c.template.code, params), data: { template: { code: c.template.code, params } } })
    } else {
      receipt = await services.messages.send({ ...base, body: await services.templates.render(c.text!) })
    }
    return afterSend(receipt, { sent: 'next', failed: 'failed', suppressed: 'suppressed' }, { to })
  },
})
