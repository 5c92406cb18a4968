import type { NodeTranslations } from '@kairos/sdk'

/** notify.wecom version 1 (group robot) in the editor's other languages. */
export const robotI18n: NodeTranslations = {
  'zh-CN': {
    title: '企业微信群通知',
    description:
      '通过企业微信群机器人（wecom.robot 渠道）发一条 Markdown 通知，并 @ 联系人的负责人。' +
      '内容可用变量，{{ owner.name }} 是负责人。企业微信拒收或重试都失败时走“失败”。',
    fields: {
      channel: { title: '群机器人渠道', description: '发到哪个群机器人（wecom.robot 渠道）' },
      text: { title: '通知内容', description: 'Markdown 通知（可用变量）' },
      mentionOwner: { title: '@负责人', description: '负责人有企业微信账号时，在通知里 @ 他' },
    },
    ports: { next: '下一步', failed: '失败' },
  },
}

/** notify.wecom version 2 (a WeCom app to the rep) in the editor's other languages. */
export const appI18n: NodeTranslations = {
  'zh-CN': {
    title: '企业微信提醒销售',
    description:
      '用企业微信自建应用（wecom.app 渠道）给联系人的负责销售发消息，发到销售的企业微信账号。' +
      '可发文本、Markdown 或文本卡片，各部分都可用变量，{{ owner.name }} 是销售。' +
      '联系人没有负责销售或销售没有企业微信账号时走“已跳过”；企业微信拒收或重试都失败时走“失败”。',
    fields: {
      channel: { title: '企业微信应用渠道', description: '用哪个企业微信自建应用发送（wecom.app 渠道）' },
      msgtype: {
        title: '消息类型',
        description: '文本；Markdown（企业微信支持的部分：加粗、链接、颜色）；文本卡片：标题、以正文为描述、再加一个链接',
        enum: { text: '文本', markdown: 'Markdown', textcard: '文本卡片' },
      },
      text: { title: '消息内容', description: '消息正文（可用变量）；文本卡片的描述' },
      title: { title: '卡片标题', description: '仅文本卡片：卡片标题（可用变量）' },
      url: { title: '卡片链接', description: '仅文本卡片：点开卡片后打开的 http(s) 链接（可用变量），例如 CRM 里的客户页' },
      button: { title: '按钮文字', description: '仅文本卡片：按钮文字，最多 4 个字（企业微信默认“详情”）' },
    },
    ports: { next: '下一步', failed: '失败', skipped: '已跳过' },
  },
}
