import type { ChannelTranslations } from '@kairos/sdk'

/** call.http in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: '外呼 (HTTP)',
    description: '通过 HTTP 接入的外呼服务商：Kairos 向指定地址 POST JSON',
    fields: {
      url: { title: '接口地址', description: '外呼服务商接收请求的 http(s) 地址' },
      token: { title: '访问令牌', description: '以 Authorization: Bearer 请求头发送；服务商不要求时留空' },
    },
  },
}
