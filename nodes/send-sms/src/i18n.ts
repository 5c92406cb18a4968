import type { NodeFieldText, NodeTranslations } from '@kairos/sdk'

// send.sms versions 1 to 3 in the editor's other languages (version 4's are in i18n-v4.ts): journeys
// published with an older version still show their steps in the person's language.

const text: NodeFieldText = { title: '短信内容', description: '短信正文（Liquid）' }
const to: NodeFieldText = { title: '号码属性', description: '存放手机号的联系人属性' }
const channel: NodeFieldText = { title: '短信渠道', description: '通过哪个短信网关 (HTTP) 渠道发送（在“设置 → 渠道”中添加）；留空则用默认服务商' }
const kinds = { marketing: '营销', transactional: '通知' }
const SAMPLE = '短信内容是 Liquid 模板：{{ contact.name | default: "您好" }}。'

/** Version 1: sends and goes on, never waiting for the provider. */
export const i18nV1: NodeTranslations = {
  'zh-CN': {
    title: '发送短信',
    description: `给联系人发短信。${SAMPLE}`,
    fields: { text, to, category: { title: '短信类型', enum: kinds } },
    ports: { next: '下一步', skipped: '已跳过' },
  },
}

/** Version 2: through a configured channel, waiting for the provider's answer. */
export const i18nV2: NodeTranslations = {
  'zh-CN': {
    title: '发送短信',
    description: `给联系人发短信并等待服务商结果。${SAMPLE}`,
    fields: { text, to, channel, category: { title: '短信类型', enum: kinds } },
    ports: { next: '下一步', failed: '失败', skipped: '已跳过' },
  },
}

/** Version 3: version 2 with a port for a message a policy stopped. */
export const i18nV3: NodeTranslations = {
  'zh-CN': {
    title: '发送短信',
    description: `给联系人发短信并等待服务商结果。${SAMPLE}营销短信遵守频次上限和免打扰时段；被频次上限或联系人的意愿拦下时走“已拦截”。`,
    fields: {
      text,
      to,
      channel,
      category: { title: '短信类型', description: '营销：受频次上限和免打扰时段约束；通知（验证码、回执）：只看联系人的意愿', enum: kinds },
    },
    ports: { next: '下一步', failed: '失败', skipped: '已跳过', suppressed: '已拦截' },
  },
}
