import { Type, validateTemplate, type Problem, type Static } from '@kairos/sdk'

/** A template's keyword name as WeChat shows it in 我的模板: `thing1`, `time2`, `amount3`, `keyword1`. */
const FieldKey = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,31}$', title: 'Key', description: 'The keyword as the template names it ({{thing1.DATA}} is thing1)' })

/** send.wechat's settings. */
export const SendWechatConfig = Type.Object(
  {
    channel: Type.String({ minLength: 1, 'x-kairos-channel': 'wechat.template', title: 'Official account', description: 'The wechat.template channel (an official account) to send from' }),
    templateId: Type.String({ minLength: 1, maxLength: 128, title: 'Template ID', description: 'The template ID, from 公众平台 → 广告与服务 → 模板消息 → 我的模板' }),
    fields: Type.Array(
      Type.Object(
        { key: FieldKey, value: Type.String({ minLength: 1, maxLength: 512, format: 'kairos-template', title: 'Value', description: 'What the field shows (Liquid); WeChat limits it by the keyword\'s type, e.g. thing 20 characters' }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20, title: 'Template fields', description: "The template's fields, each filled in from Liquid" },
    ),
    url: Type.Optional(Type.String({ maxLength: 1024, format: 'kairos-template', title: 'Link', description: 'Where a tap on the message leads, an http(s) link (Liquid); none for a message without a link' })),
    openidAttribute: Type.String({ default: 'openid', title: 'Openid attribute', description: "Contact attribute holding the contact's openid for this official account" }),
    category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], {
      default: 'marketing',
      title: 'Category',
      description: 'marketing: caps and quiet hours apply; transactional (an order or service notice): only consent applies',
    }),
  },
  { additionalProperties: false },
)
export type SendWechatConfig = Static<typeof SendWechatConfig>

/** Every field's and the url's template parses, and no key is given twice. */
export function validateSendWechat(config: SendWechatConfig): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  config.fields.forEach((field, i) => {
    problems.push(...validateTemplate(field.value, `config.fields[${i}].value`))
    if (seen.has(field.key)) problems.push({ field: `config.fields[${i}].key`, message: `"${field.key}" is given twice` })
    seen.add(field.key)
  })
  if (config.url) problems.push(...validateTemplate(config.url, 'config.url'))
  return problems
}
