import type { NodeTranslations } from '@kairos/sdk'

/** wait.until in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '等到某时',
    description: '按联系人所在时区，等到某个时刻（可只在工作日，参照节假日日历），或等到某个日期属性前后几天的某个时刻。',
    fields: {
      at: { title: '时刻', description: '24 小时制，例如 09:00' },
      days: {
        title: '星期',
        description: '只在这几天（为空表示每天）',
        enum: { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
      },
      date: { title: '日期属性', description: '改为等到这个日期，而不是下一个时刻' },
      'date.attribute': { title: '属性', description: '保存日期的联系人属性，例如 subscription_end' },
      'date.offset': { title: '偏移天数', description: '整天数，例如 -3d、0d、+1d' },
      timezone: { title: '时区', description: 'IANA 时区；默认取联系人的 timezone 属性，否则取旅程的时区' },
      workday: { title: '仅工作日', description: '只在节假日日历的工作日：跳过法定节假日，调休上班日算工作日，其他周末跳过' },
      calendar: { title: '节假日日历', description: '“仅工作日”使用的日历（默认：消息规则中选用的日历）' },
      late: { title: '日期已过时', description: '日期已经过去时：立即继续，或走“已过期”出口', enum: { continue: '立即继续', late: '走“已过期”出口' } },
    },
    ports: { next: '下一步', late: '已过期' },
  },
}
