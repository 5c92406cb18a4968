import type { NodeTranslations } from '@kairos/sdk'

/** trigger.date in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '日期触发',
    description: '以联系人的某个日期属性为准，提前或推后若干天，在指定时刻（按联系人所在时区）进入旅程。',
    fields: {
      attribute: { title: '日期属性', description: '存放日期的联系人属性，例如 birthday（生日）或 subscription_end（订阅到期日）' },
      offset: { title: '提前或推后', description: '按整天计：提前写 -3d，推后写 +1d，0d 即当天' },
      at: { title: '触发时刻', description: '当天几点，HH:MM（24 小时制）' },
      repeat: {
        title: '重复',
        description: '仅一次：只在这个日期当天（如订阅到期日）；每年：每年的同月同日（如生日）',
        enum: { once: '仅一次', yearly: '每年' },
      },
      timezone: { title: '时区', description: '联系人没有有效的时区属性时使用的时区；不填则用旅程的时区' },
      condition: { title: '附加条件', description: '到时只让符合条件的联系人进入（例如会员等级为高级）' },
    },
    ports: { next: '下一步' },
  },
}
