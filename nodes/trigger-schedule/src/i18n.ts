import type { NodeTranslations } from '@kairos/sdk'

/** trigger.schedule in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '定时触发',
    description: '按计划定时（每天 09:00、每周一 10:00，或 cron 表达式），让一个分群的成员进入旅程。',
    fields: {
      at: { title: '时间', description: '每天（或下面选中的星期几）的这个时间，HH:MM' },
      days: {
        title: '星期',
        description: '只在这几天触发（与“时间”一起用）',
        enum: { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
      },
      cron: { title: 'Cron 表达式', description: '或填写 cron 表达式，例如 "0 9 * * 1-5"（工作日 9 点），代替“时间”' },
      timezone: { title: '时区', description: '按哪个时区理解这个计划；不填则用旅程的时区' },
      segment: { title: '分群', description: '让这个已保存分群的成员进入' },
      condition: { title: '条件', description: '或让符合这个条件的联系人进入' },
      everyone: { title: '所有联系人', description: '或让所有联系人进入（例如每日简报）' },
      missed: {
        title: '错过的时点',
        description: 'Kairos 停机期间错过的时点：恢复后补跑一次，或直接跳过',
        enum: { run: '补跑一次', skip: '跳过' },
      },
    },
    ports: { next: '下一步' },
  },
}
