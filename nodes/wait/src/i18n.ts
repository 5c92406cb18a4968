import type { NodeTranslations } from '@kairos/sdk'

/** wait in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '等待',
    description: '让旅程暂停一段时间，例如 30 分钟或 3 天。',
    fields: { for: { title: '等待时长', description: '一段时长，例如 30s、5m、1h30m、3d 或 2w' } },
    ports: { next: '下一步' },
  },
}
