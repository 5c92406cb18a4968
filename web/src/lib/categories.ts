// How each node category looks in the palette and on the canvas.

export interface CategoryStyle {
  label: string
  color: string
}

export const CATEGORY_ORDER = ['trigger', 'wait', 'logic', 'action', 'exit'] as const

const STYLES: Record<string, CategoryStyle> = {
  trigger: { label: 'Triggers', color: '#7c3aed' },
  wait: { label: 'Waits', color: '#d97706' },
  logic: { label: 'Logic', color: '#0891b2' },
  action: { label: 'Actions', color: '#2563eb' },
  exit: { label: 'Exit', color: '#64748b' },
}

export function categoryStyle(category: string): CategoryStyle {
  return STYLES[category] ?? { label: category, color: '#475569' }
}
