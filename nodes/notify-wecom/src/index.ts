import { afterSend, defineNode, Type, validateTemplate } from '@kairos/sdk'
import { robotI18n } from './i18n.ts'
import { mention } from './mention.ts'

/**
 * Posts a markdown notice to a WeCom (企业微信) group robot: a heads-up for
 * the sales team, not a message to the contact. The robot's webhook URL is a
 * secret of the channel, never in the flow. It is sent as `transactional`
 * because caps and quiet hours protect contacts, and this reaches staff.
 */
export default defineNode({
  type: 'notify.wecom',
  version: 1,
  title: 'Notify on WeCom',
  category: 'action',
  i18n: robotI18n,
  description:
    "Post a markdown notice to a WeCom group robot (a wecom.robot channel), mentioning the contact's owner. " +
    'The text is Liquid; {{ owner.name }} is the owner. "failed" when WeCom refuses it or every retry fails.',
  config: Type.Object(
    {
      channel: Type.String({ minLength: 1, 'x-kairos-channel': 'wecom.robot', description: 'The wecom.robot channel (group robot) to post to' }),
      text: Type.String({ minLength: 1, maxLength: 4096, format: 'kairos-template', description: 'Markdown notice (Liquid)' }),
      mentionOwner: Type.Boolean({ default: true, description: "Mention the contact's owner by WeCom id when they have one" }),
    },
    { additionalProperties: false },
  ),
  ports: ['next', 'failed'],
  validate: (config) => validateTemplate(config.text, 'config.text'),
  async run({ config, services }) {
    const owner = await services.sales.owner()
    const text = await services.templates.render(config.text, { owner })
    const body = config.mentionOwner ? mention(text, owner?.wecomId) : text
    const receipt = await services.messages.send({
      channel: 'wecom',
      via: config.channel,
      // The robot posts to its group whoever is named; the owner's id, when known, says whom the notice is for.
      to: owner?.wecomId ?? 'group',
      body,
      category: 'transactional',
    })
    return afterSend(receipt, { sent: 'next', failed: 'failed' }, { owner: owner?.id ?? null })
  },
})
