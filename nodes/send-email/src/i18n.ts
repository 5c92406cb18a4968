import type { NodeFieldText, NodeTranslations } from '@kairos/sdk'

const fields: Record<string, NodeFieldText> = {
  channel: { title: '邮件渠道', description: '通过哪个 SMTP 邮件渠道发送；不选则只记录在发件箱里，不真正发出' },
  to: { title: '收件地址属性', description: '存放邮箱地址的联系人属性' },
  subject: { title: '邮件主题', description: '邮件主题（可用变量）' },
  text: { title: '纯文本正文', description: '纯文本正文（可用变量），也是不支持 HTML 的邮箱看到的内容' },
  html: { title: 'HTML 正文', description: 'HTML 正文（可用变量）' },
  category: { title: '邮件类型', enum: { marketing: '营销', transactional: '通知（非营销）' } },
}
const intro = '通过 SMTP 邮件渠道给联系人发邮件。主题、纯文本和 HTML 都可以用变量：{{ contact.name | default: "您好" }}。没有邮箱地址时走“已跳过”；邮件服务器拒收或多次重试仍失败时走“失败”'

/** send.email version 1 in the editor's other languages: a suppressed email leaves through skipped. */
export const i18nV1: NodeTranslations = {
  'zh-CN': { title: '发送邮件', description: `${intro}。`, fields, ports: { next: '下一步', failed: '失败', skipped: '已跳过' } },
}

/** send.email version 2: version 1 plus the suppressed port. */
export const i18nV2: NodeTranslations = {
  'zh-CN': {
    title: '发送邮件',
    description: `${intro}；频次上限或联系人的退订设置拦下时走“已拦截”（营销邮件还会等免打扰时段过去再发）。`,
    fields,
    ports: { next: '下一步', failed: '失败', skipped: '已跳过', suppressed: '已拦截' },
  },
}
