import type { NodeTranslations } from '@kairos/sdk'

/** trigger.event in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '事件触发',
    description: '联系人发生这个事件时进入旅程。',
    fields: {
      event: { title: '事件', description: '事件名称，例如 cart_added（加入购物车）' },
      where: { title: '事件属性条件', description: '只有属性相符的事件才触发：{ "sku": "A1", "amount": { "gte": 100 } }' },
    },
    ports: { next: '下一步' },
  },
}
