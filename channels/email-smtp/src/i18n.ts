import type { ChannelTranslations } from '@kairos/sdk'

/** email.smtp in the editor's other languages (the English is in the definition and its schema). */
export const i18n: ChannelTranslations = {
  'zh-CN': {
    title: '邮件 (SMTP)',
    description: '通过 SMTP 服务器发送邮件',
    fields: {
      host: { title: 'SMTP 服务器', description: '邮件服务器的主机名，例如 smtp.exmail.qq.com' },
      port: { title: '端口', description: '常用 465（SSL）或 587（STARTTLS）' },
      secure: { title: '使用 SSL 连接', description: '端口 465 时开启；587 等端口关闭，由服务器升级为 TLS' },
      user: { title: '用户名', description: '登录 SMTP 服务器的账号，通常是发件邮箱' },
      password: { title: '密码', description: '登录密码或邮箱的授权码' },
      from: { title: '发件人', description: '收件人看到的发件地址，例如 凯洛斯商城 <news@example.com>' },
      tlsRejectUnauthorized: { title: '校验服务器证书', description: '校验服务器的 TLS 证书（默认开启）。关闭后接受任何证书：仅用于使用自签名证书的测试服务器。' },
    },
  },
}
