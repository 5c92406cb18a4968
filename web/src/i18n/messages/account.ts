// Words for accounts: roles, API key scopes, password rules, sign-in problems.
export default {
  en: {
    roles: {
      admin: { label: 'Admin', hint: 'Everything, including people, API keys, channels and policies.' },
      editor: { label: 'Editor', hint: 'Builds, publishes and pauses journeys; edits contacts, segments and sales reps.' },
      viewer: { label: 'Viewer', hint: 'Looks at journeys, runs, contacts and the audit log; changes nothing.' },
      sales: { label: 'Sales', hint: 'Their own follow-up tasks and the contacts assigned to them.' },
    },
    scopes: {
      'events:write': { label: 'Send events', hint: 'POST /api/events: what your site or app reports contacts did.' },
      'contacts:write': { label: 'Update contacts', hint: 'Create and update contacts, their attributes and tags.' },
      read: { label: 'Read', hint: 'Read journeys, runs, contacts and deliveries.' },
      metrics: { label: 'Metrics', hint: 'GET /metrics only: for Prometheus or another monitoring system to scrape.' },
      admin: { label: 'Admin', hint: 'Everything an administrator may do. Give it only to tools you trust fully.' },
    },
    passwordShort: 'The password needs at least {n} characters.',
    passwordMismatch: 'The two passwords are not the same.',
    signIn: {
      disabled: 'This account is disabled. Ask an administrator to enable it again.',
      wrong: 'That email and password do not match an account. Check both and try again.',
      tooMany: 'Too many sign-in attempts. Wait {wait}, then try again.',
      minutes: 'a minute | {n} minutes',
      fewMinutes: 'a few minutes',
      refused: 'This account may not sign in. Ask an administrator.',
    },
  },
  'zh-CN': {
    roles: {
      admin: { label: '管理员', hint: '全部权限，包括人员、API 密钥、渠道和策略。' },
      editor: { label: '编辑', hint: '创建、发布和暂停旅程；编辑联系人、分群和销售代表。' },
      viewer: { label: '查看者', hint: '查看旅程、运行、联系人和审计日志；不能修改任何内容。' },
      sales: { label: '销售', hint: '自己的跟进任务和分配给自己的联系人。' },
    },
    scopes: {
      'events:write': { label: '发送事件', hint: 'POST /api/events：您的网站或应用上报的联系人行为。' },
      'contacts:write': { label: '更新联系人', hint: '创建和更新联系人及其属性和标签。' },
      read: { label: '读取', hint: '读取旅程、运行、联系人和投递记录。' },
      metrics: { label: '指标', hint: '仅 GET /metrics：供 Prometheus 等监控系统抓取。' },
      admin: { label: '管理员', hint: '管理员能做的一切。只授予您完全信任的工具。' },
    },
    passwordShort: '密码至少需要 {n} 个字符。',
    passwordMismatch: '两次输入的密码不一致。',
    signIn: {
      disabled: '此账号已被停用。请联系管理员重新启用。',
      wrong: '邮箱和密码不匹配任何账号。请检查后重试。',
      tooMany: '登录尝试次数过多。请等待{wait}后重试。',
      minutes: '1 分钟 | {n} 分钟',
      fewMinutes: '几分钟',
      refused: '此账号不能登录。请联系管理员。',
    },
  },
}
