import type { ChannelTranslations } from '@kairos/sdk'

/** wecom.app in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: '企业微信应用',
    description: '通过企业微信自建应用，按成员账号给成员发消息',
    fields: {
      baseUrl: { title: 'API 地址', description: '企业微信 API 地址；仅在使用代理或测试替身时修改' },
      corpId: { title: '企业 ID', description: '管理后台 → 我的企业 → 企业信息 → 企业ID' },
      agentId: { title: '应用 AgentId', description: '自建应用的 AgentId：应用管理 → 该应用' },
      secret: { title: '应用 Secret', description: '应用管理 → 该应用 → Secret（在企业微信客户端中查看）' },
      duplicateCheckSeconds: {
        title: '重复消息检查（秒）',
        description: '在这段时间内，同一内容发给同一成员只显示一次（应答丢失后的重试不会重复出现）；0 表示关闭',
      },
    },
  },
}
