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
