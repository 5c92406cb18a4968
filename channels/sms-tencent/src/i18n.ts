import type { ChannelTranslations } from '@kairos/sdk'

/** sms.tencent in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: '腾讯云短信',
    description: '腾讯云短信（SendSms），使用审核通过的签名和模板；支持状态回调',
    fields: {
      secretId: { title: 'SecretId', description: '有短信发送权限的 API 密钥的 SecretId：访问管理 → API 密钥管理' },
      secretKey: { title: 'SecretKey', description: '该密钥对应的 SecretKey' },
      smsSdkAppId: { title: '短信应用 SDK AppID', description: '短信应用的 SmsSdkAppId：短信控制台 → 应用管理，例如 1400006666' },
      signName: { title: '短信签名', description: '审核通过的签名内容，例如 腾讯云' },
      region: { title: '地域', description: 'X-TC-Region（默认 ap-guangzhou；ap-beijing 和 ap-nanjing 也提供短信服务）' },
      endpoint: { title: '接口地址', description: '短信 API 的接入地址（默认 https://sms.tencentcloudapi.com）' },
      receiptToken: { title: '回调令牌', description: '自拟一串至少 16 个字符的令牌，写进在控制台中配置的回调地址：https://<kairos>/api/channels/<渠道名>/receipts?token=<此值>（腾讯云的回调不带签名：不带此令牌的回调一律拒收）' },
      timeoutMs: { title: '超时（毫秒）', description: '等待腾讯云应答的时间，单位毫秒（默认 10000）' },
    },
  },
}
