import { afterSend, defineNode, goTo, readPath } from '@kairos/sdk'
import { SendWechatConfig, validateSendWechat } from './config.ts'
import { i18n } from './i18n.ts'

/**
 * Sends a WeChat Official Account (公众号) template message to the contact,
 * by the openid they have for that account (an attribute, `openid` unless
 * set), through a wechat.template channel. Each field of the template is
 * Liquid, and so is the link a tap opens. Marketing by default, so caps and
 * quiet hours apply; a contact without an openid goes out `skipped`.
 */
export default defineNode({
  type: 'send.wechat',
  version: 1,
  title: 'Send WeChat template message',
  category: 'action',
  description:
    "Send the contact a template message from a WeChat official account, to the openid in their attributes. Each template field is Liquid. " +
    '"skipped" without an openid; "suppressed" when a cap or consent stops it; "failed" when WeChat refuses it (not a follower, a wrong template) or every retry fails.',
  i18n,
  config: SendWechatConfig,
  ports: ['next', 'failed', 'skipped', 'suppressed'],
  validate: validateSendWechat,
  async run({ config, contact, services }) {
    const openid = readPath(contact.attributes, config.openidAttribute)
    if (typeof openid !== 'string' || openid.trim() === '') return goTo('skipped', { reason: `contact has no ${config.openidAttribute}` })
    const fields: Record<string, string> = {}
    for (const field of config.fields) fields[field.key] = await services.templates.render(field.value)
    const url = config.url ? (await services.templates.render(config.url)).trim() : ''
    const receipt = await services.messages.send({
      channel: 'wechat',
      via: config.channel,
      to: openid,
      // What the outbox and the contact's timeline show; the channel sends the fields.
      body: Object.entries(fields).map(([key, value]) => `${key}: ${value}`).join('\n'),
      data: { templateId: config.templateId, fields, ...(url ? { url } : {}) },
      category: config.category,
    })
    return afterSend(receipt, { sent: 'next', failed: 'failed', suppressed: 'suppressed' }, { to: openid })
  },
})
