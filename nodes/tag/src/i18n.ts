import type { NodeTranslations } from '@kairos/sdk'

/** tag in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '打标签',
    description: '给联系人添加或移除标签，例如添加 "abandoned-cart"（弃购）。',
    fields: { add: { title: '添加标签' }, remove: { title: '移除标签' } },
    ports: { next: '下一步' },
  },
}
