import type { NodeTranslations } from '@kairos/sdk'

/** exit in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '结束',
    description: '这位联系人的旅程到此结束。',
    fields: { reason: { title: '结束原因' } },
  },
}
