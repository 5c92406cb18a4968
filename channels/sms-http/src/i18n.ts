import type { ChannelTranslations } from '@kairos/sdk'

/** sms.http in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: '短信网关 (HTTP)',
    description: '通过 HTTP 接入的短信服务商：Kairos 向指定地址 POST JSON { to, body, idempotencyKey }',
    fields: {
      url: { title: '接口地址', description: '服务商接收短信请求的 http(s) 地址' },
      token: { title: '访问令牌', description: '以 Authorization: Bearer 请求头发送；服务商不要求时留空' },
      timeoutMs: { title: '超时（毫秒）', description: '等待服务商应答的时间，单位毫秒（默认 10000）' },
    },
  },
}
