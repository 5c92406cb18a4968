import type { ChannelTranslations } from '@kairos/sdk'

/** webhook in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: 'Webhook',
    description: '接收带签名 JSON 的 HTTP 地址（例如 CRM）',
    fields: {
      url: { title: '接收地址', description: 'Kairos 向其 POST JSON 的 http(s) 地址' },
      secret: { title: '签名密钥', description: '用于 X-Kairos-Signature 请求头的 HMAC-SHA256 密钥' },
    },
  },
}
