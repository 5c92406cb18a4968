import type { NodeTranslations } from '@kairos/sdk'

/** update.contact in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '更新联系人',
    description: '设置、删除或累加联系人属性，例如 lead_score 加 10，或 last_sku = {{ event.properties.sku }}。',
    fields: {
      set: { title: '设置属性', description: '属性 → 值。含 {{ }} 或 {% %} 的文字会按联系人填入变量' },
      unset: { title: '删除属性', description: '要删除的属性' },
      increment: { title: '累加属性', description: '属性 → 要加的数（负数为减），例如 lead_score: 10' },
    },
    ports: { next: '下一步' },
  },
}
