import type { ChannelTranslations } from '@kairos/sdk'

/** wecom.robot in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: '企业微信群机器人',
    description: '企业微信群机器人的 Webhook，消息以 Markdown 发到群里',
    fields: {
      webhookUrl: { title: 'Webhook 地址', description: '群聊 → 群机器人 → 添加机器人后得到的 Webhook 地址（含 key，按密钥保存）' },
    },
  },
}
