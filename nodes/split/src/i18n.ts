import type { NodeTranslations } from '@kairos/sdk'

/** split in the editor's other languages (English stays in the definition); ports are the arms' names. */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: 'A/B 拆分',
    description: '按权重把联系人分到各组，同一个人每次都进同一组；也可以留出一部分作对照组。',
    fields: {
      arms: { title: '分组' },
      'arms.port': { title: '出口名称', description: '这一组的出口名（英文字母开头）' },
      'arms.weight': { title: '权重', description: '这一组的人数占比，相对其他组的权重：大于 0，最多 10000' },
      holdout: { title: '对照组', description: '留出一部分联系人不做任何触达：对照组出口不接，或接到结束' },
      'holdout.weight': { title: '对照组权重', description: '对照组的人数占比，相对其他组的权重：大于 0，最多 10000' },
    },
    ports: { a: 'A 组', b: 'B 组', c: 'C 组', holdout: '对照组' },
  },
}

/** Version 2: version 1's words, and the auto-winner's fields. */
export const i18nV2: NodeTranslations = {
  'zh-CN': {
    ...i18n['zh-CN'],
    description: '按权重把联系人分到各组，同一个人每次都进同一组；可以留出对照组，也可以自动选出胜出组。',
    fields: {
      ...i18n['zh-CN'].fields,
      autoWinner: { title: '自动选出胜出组', description: '差异显著后，新进入的联系人都走转化率最高的一组（旅程需要设置转化目标）' },
      'autoWinner.after': { title: '开始判断的条件' },
      'autoWinner.after.minPerArm': { title: '每组最少人数', description: '每一组至少进入这么多联系人后才判断胜出组' },
      'autoWinner.after.duration': { title: '最短时长', description: '并且从这个版本第一位联系人进入拆分起至少经过这么久，例如 7d' },
      'autoWinner.confidence': { title: '置信度', description: '差异要有多可靠，0.8 到 0.999 之间（0.95：二十次里最多错一次）' },
    },
  },
}
