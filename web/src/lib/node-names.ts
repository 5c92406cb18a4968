// A node type's name in the editor's language: the node's own translation (its definition's
// `i18n`), else the `nodeTypes` catalog's, else what the server sends (its English title).
// Search matches every language.
import type { NodeType } from '../api/types.ts'
import { i18n, locale, t } from '../i18n/index.ts'

const has = (key: string) => i18n.global.te(key, locale.value)
// Node types have dots in them, which vue-i18n reads as nesting: the catalog writes them as _.
const key = (type: string, part: 'title' | 'keywords') => `nodeTypes.${type.replace(/\./g, '_')}.${part}`

/** The title a person reads in the palette and a new step's label. */
export function nodeTypeTitle(nodeType: Pick<NodeType, 'type' | 'title'> & Partial<Pick<NodeType, 'i18n'>>): string {
  const own = nodeType.i18n?.[locale.value]?.title
  if (own) return own
  return locale.value !== 'en' && has(key(nodeType.type, 'title')) ? t(key(nodeType.type, 'title')) : nodeType.title
}

/** Whether a palette search hits a node type, in English and the editor's language alike. */
export function matchesSearch(nodeType: NodeType, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  const words = [nodeType.title, nodeType.type, nodeType.description ?? '', nodeType.category, nodeTypeTitle(nodeType)]
  for (const lang of ['en', 'zh-CN'] as const)
    if (i18n.global.te(key(nodeType.type, 'keywords'), lang)) words.push(i18n.global.t(key(nodeType.type, 'keywords'), {}, { locale: lang }))
  for (const text of Object.values(nodeType.i18n ?? {})) words.push(text.title, text.description ?? '')
  if (i18n.global.te(key(nodeType.type, 'title'), 'zh-CN')) words.push(i18n.global.t(key(nodeType.type, 'title'), {}, { locale: 'zh-CN' }))
  return words.some((w) => w.toLowerCase().includes(q))
}
