import type { NodeTranslations } from '@kairos/sdk'

/** trigger.change in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '属性变化触发',
    description: '联系人的某个属性发生变化时进入旅程，可限定从哪个值变为哪个值（例如阶段：线索 → 合格线索）。',
    fields: {
      attribute: { title: '属性', description: '要关注的联系人属性，例如 stage（阶段）或 tier（等级）' },
      from: { title: '原来的值', description: '只在原来是这个值时触发（null 表示原来没有设置）；不填则任意值' },
      to: { title: '变成的值', description: '只在变成这个值时触发（null 表示被删除）；不填则任意值' },
    },
    ports: { next: '下一步' },
  },
}
