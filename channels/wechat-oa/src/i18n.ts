import type { ChannelTranslations } from '@kairos/sdk'

/** wechat.template in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: '公众号模板消息',
    description: '微信公众号按 openid 给关注者发送模板消息',
    fields: {
      baseUrl: { title: 'API 地址', description: '微信 API 地址；仅在使用代理或测试替身时修改' },
      appId: { title: 'AppID', description: '公众平台 → 设置与开发 → 基本配置 → 开发者ID (AppID)' },
      appSecret: { title: 'AppSecret', description: '基本配置 → 开发者密码 (AppSecret)；并在该页的 IP 白名单中加入 Kairos 的出口 IP' },
      tokenApi: {
        title: '令牌接口',
        description: 'stable_token：所有工作进程及公众号的其他系统共用一个令牌；token：传统接口，每次获取都会让上一个令牌在 5 分钟后失效',
        enum: { stable_token: '稳定版 (stable_token)', token: '传统版 (token)' },
      },
    },
  },
}
