import { afterSend, defineNode, goTo, Type, validateTemplate, type Problem } from '@kairos/sdk'
import { appI18n } from './i18n.ts'

const Msgtype = Type.Union([Type.Literal('text'), Type.Literal('markdown'), Type.Literal('textcard')], {
  default: 'text',
  title: 'Message type',
  description: 'text; markdown (WeCom\'s subset: bold, links, colours); textcard: a card with a title, the text as its description and a link',
})

/**
 * notify.wecom version 2: a message from a WeCom (企业微信) app (a wecom.app
 * channel) to the contact's sales rep, by the rep's WeCom user id, so the rep
 * is reminded in WeCom itself rather than in a group. Text, markdown or a text
 * card, each part Liquid ({{ owner.name }} is the rep). A contact without an
 * owner, or whose owner has no WeCom id, goes out `skipped` with the reason on
 * the step: nothing is sent. Transactional, as version 1: it reaches staff,
 * and caps and quiet hours protect contacts.
 */
export default defineNode({
  type: 'notify.wecom',
  version: 2,
  title: 'Remind the rep on WeCom',
  category: 'action',
  i18n: appI18n,
  description:
    "Send the contact's sales rep a message from a WeCom app (a wecom.app channel), to their WeCom user id. " +
    'Text, markdown or a text card; every part is Liquid, {{ owner.name }} is the rep. ' +
    '"skipped" when the contact has no rep or the rep has no WeCom id; "failed" when WeCom refuses it or every retry fails.',
  config: Type.Object(
    {
      channel: Type.String({ minLength: 1, 'x-kairos-channel': 'wecom.app', title: 'WeCom app', description: 'The wecom.app channel (a WeCom self-built app) to send from' }),
      msgtype: Msgtype,
      text: Type.String({ minLength: 1, maxLength: 2048, format: 'kairos-template', title: 'Message', description: 'The message (Liquid); a text card\'s description' }),
      title: Type.Optional(Type.String({ maxLength: 128, format: 'kairos-template', title: 'Card title', description: 'Text cards only: the card\'s title (Liquid)' })),
      url: Type.Optional(Type.String({ maxLength: 2048, format: 'kairos-template', title: 'Card link', description: 'Text cards only: where the card leads, an http(s) link (Liquid), such as the contact in your CRM' })),
      button: Type.Optional(Type.String({ maxLength: 4, title: 'Button text', description: 'Text cards only: the button\'s text, at most 4 characters (WeCom\'s default 详情)' })),
    },
    { additionalProperties: false },
  ),
  ports: ['next', 'failed', 'skipped'],
  validate(config) {
    const problems: Problem[] = [...validateTemplate(config.text, 'config.text')]
    if (config.title) problems.push(...validateTemplate(config.title, 'config.title'))
    if (config.url) problems.push(...validateTemplate(config.url, 'config.url'))
    if (config.msgtype === 'textcard') {
      if (!config.title?.trim()) problems.push({ field: 'config.title', message: 'is required for a text card' })
      if (!config.url?.trim()) problems.push({ field: 'config.url', message: 'is required for a text card' })
    }
    return problems
  },
  async run({ config, services }) {
    const owner = await services.sales.owner()
    if (!owner) return goTo('skipped', { reason: 'the contact has no sales rep', owner: null })
    if (!owner.wecomId) return goTo('skipped', { reason: `sales rep ${owner.name} (${owner.id}) has no WeCom id`, owner: owner.id })
    const render = (template: string) => services.templates.render(template, { owner })
    const body = await render(config.text)
    const card = config.msgtype === 'textcard'
      ? { title: await render(config.title ?? ''), url: (await render(config.url ?? '')).trim(), ...(config.button ? { btntxt: config.button } : {}) }
      : {}
    const receipt = await services.messages.send({
      channel: 'wecom',
      via: config.channel,
      to: owner.wecomId,
      body,
      data: { msgtype: config.msgtype, ...card },
      category: 'transactional',
    })
    return afterSend(receipt, { sent: 'next', failed: 'failed' }, { owner: owner.id })
  },
})
