import type { NodeTranslations } from '@kairos/sdk'

/** wait.event in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '等待事件',
    description: '等到这个事件发生就走“已发生”，到时还没发生就走“超时”。',
    fields: {
      event: { title: '事件', description: '事件名称，例如 order_placed（下单）' },
      where: { title: '事件属性条件', description: '只算属性相符的事件' },
      timeout: { title: '最长等待', description: '一段时长，例如 30s、5m、1h30m、3d 或 2w' },
    },
    ports: { received: '已发生', timeout: '超时' },
  },
}
