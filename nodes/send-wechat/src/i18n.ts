import type { NodeTranslations } from '@kairos/sdk'

/** send.wechat in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '发送公众号模板消息',
    description:
      '用公众号给联系人发一条模板消息，发到联系人属性里的 openid。模板的每个字段都可以用变量。' +
      '没有 openid 时走“已跳过”；频次上限或联系人的授权拦下时走“已拦截”；微信拒收（未关注、模板不对）或重试都失败时走“失败”。',
    fields: {
      channel: { title: '公众号渠道', description: '用哪个公众号发送（wechat.template 渠道）' },
      templateId: { title: '模板 ID', description: '在公众平台 → 广告与服务 → 模板消息 → 我的模板 中查看' },
      fields: { title: '模板字段', description: '模板里的各个字段，每个字段的内容都可以用变量' },
      'fields.key': { title: '字段名', description: '模板中的关键词名，例如 {{thing1.DATA}} 对应 thing1' },
      'fields.value': { title: '内容', description: '字段显示的内容（可用变量）；微信按字段类型限制长度，例如 thing 最多 20 个字' },
      url: { title: '跳转链接', description: '点开消息后打开的 http(s) 链接（可用变量）；留空则不跳转' },
      openidAttribute: { title: 'openid 属性', description: '联系人在这个公众号下的 openid 存在哪个属性里' },
      category: {
        title: '消息类型',
        description: '营销消息受频次上限和免打扰时段限制；通知类消息（订单、服务通知）只看联系人授权',
        enum: { marketing: '营销', transactional: '通知' },
      },
    },
    ports: { next: '下一步', failed: '失败', skipped: '已跳过', suppressed: '已拦截' },
  },
}
