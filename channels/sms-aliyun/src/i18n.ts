import type { ChannelTranslations } from '@kairos/sdk'

/** sms.aliyun in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: '阿里云短信',
    description: '阿里云短信服务（Dysmsapi SendSms），使用审核通过的签名和模板；支持 SmsReport 回执',
    fields: {
      accessKeyId: { title: 'AccessKey ID', description: '有短信发送权限的 RAM 用户的 AccessKey ID：RAM 访问控制 → 用户 → AccessKey' },
      accessKeySecret: { title: 'AccessKey Secret', description: '该 AccessKey 对应的 Secret' },
      signName: { title: '短信签名', description: '短信控制台中审核通过的签名，例如 凯洛斯商城' },
      endpoint: { title: '接口地址', description: 'Dysmsapi 的接入地址（默认 https://dysmsapi.aliyuncs.com）' },
      regionId: { title: '地域 ID', description: '随请求发送的 RegionId（默认 cn-hangzhou）' },
      receiptToken: { title: '回执令牌', description: '自拟一串至少 16 个字符的令牌，写进在控制台中配置的回执地址：https://<kairos>/api/channels/<渠道名>/receipts?token=<此值>（阿里云的回执不带签名：不带此令牌的回执一律拒收）' },
      timeoutMs: { title: '超时（毫秒）', description: '等待阿里云应答的时间，单位毫秒（默认 10000）' },
    },
  },
}
