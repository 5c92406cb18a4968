import type { NodeTranslations } from '@kairos/sdk'

/** send.sms version 4 in the editor's other languages. */
export const i18nV4: NodeTranslations = {
  'zh-CN': {
    title: '发送短信',
    description:
      '给联系人发短信并等待服务商结果：自由文本（可用 Liquid 变量），或经阿里云、腾讯云发送已审核的模板及其参数。' +
      '营销短信遵守频次上限和免打扰时段；被频次上限或联系人的意愿拦下时走“已拦截”。',
    fields: {
      text: { title: '短信内容', description: '短信正文（Liquid），用于发送自由文本的渠道' },
      template: { title: '短信模板', description: '用于只发送已审核模板的短信渠道（阿里云 sms.aliyun、腾讯云 sms.tencent）' },
      to: { title: '号码属性', description: '存放手机号的联系人属性' },
      channel: { title: '短信渠道', description: '通过哪个短信渠道发送（在“设置 → 渠道”中添加）；留空则用默认服务商' },
      category: {
        title: '短信类型',
        description: '营销：受频次上限和免打扰时段约束；通知（验证码、回执）：只看联系人的意愿',
        enum: { marketing: '营销', transactional: '通知' },
      },
    },
    ports: { next: '下一步', failed: '失败', skipped: '已跳过', suppressed: '已拦截' },
  },
}
