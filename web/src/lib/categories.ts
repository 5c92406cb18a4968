// How each node category looks in the palette and on the canvas.

export interface CategoryStyle {
  label: string
  icon: string
  color: string
}

export const CATEGORY_ORDER = ['trigger', 'wait', 'logic', 'action', 'exit'] as const

const STYLES: Record<string, CategoryStyle> = {
  trigger: { label: 'Triggers', icon: '⚡', color: '#7c3aed' },
  wait: { label: 'Waits', icon: '⏱', color: '#d97706' },
  logic: { label: 'Logic', icon: '⑂', color: '#0891b2' },
  action: { label: 'Actions', icon: '✉', color: '#2563eb' },
  exit: { label: 'Exit', icon: '⏹', color: '#64748b' },
}

export function categoryStyle(category: string): CategoryStyle {
  return STYLES[category] ?? { label: category, icon: '◆', color: '#475569' }
}
