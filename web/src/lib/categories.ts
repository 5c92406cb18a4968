// How each node category looks in the palette and on the canvas; its name in the editor's language.
import { i18n, t } from '../i18n/index.ts'

export interface CategoryStyle {
  label: string
  color: string
}

export const CATEGORY_ORDER = ['trigger', 'wait', 'logic', 'action', 'exit'] as const

const COLORS: Record<string, string> = {
  trigger: '#7c3aed',
  wait: '#d97706',
  logic: '#0891b2',
  action: '#2563eb',
  exit: '#64748b',
}

export function categoryStyle(category: string): CategoryStyle {
  const key = `palette.categories.${category}`
  return { label: i18n.global.te(key) ? t(key) : category, color: COLORS[category] ?? '#475569' }
}
