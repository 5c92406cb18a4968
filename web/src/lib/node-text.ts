// A node type's words in the editor's language, from the translations the node ships itself
// (`i18n` on its definition, returned by GET /api/node-types): its description, each config
// field's label, help and enum labels, each port's label. Whatever a node leaves out (a
// third-party node with no `i18n` at all) shows the English of its definition and schema.
// The title is node-names.ts's `nodeTypeTitle`, which also knows the editor's own catalog.
import type { NodeType } from '../api/types.ts'
import { locale } from '../i18n/index.ts'

export type NodeText = NodeType['i18n'][string]
export type FieldText = NonNullable<NodeText['fields']>[string]

export type Translated = Pick<NodeType, 'i18n'> | null | undefined

/** The node's text in a language: its exact tag, else one of the same language (`zh` for `zh-CN`). */
export function nodeTextIn(nodeType: Translated, lang: string = locale.value): NodeText | undefined {
  const all = nodeType?.i18n ?? {}
  if (all[lang]) return all[lang]
  const base = lang.split('-')[0]
  const near = Object.keys(all).find((tag) => tag.split('-')[0] === base)
  return near ? all[near] : undefined
}

/** A field's key in a node's translations: `config.branches[2].port` → `branches.port`. */
export function fieldKey(path: string): string {
  return path.replace(/^config\.?/, '').replace(/\[\d+\]/g, '')
}

/** The node's description in the editor's language, else its own. */
export function nodeDescription(nodeType: (Translated & Pick<NodeType, 'description'>) | null | undefined): string | null {
  return nodeTextIn(nodeType)?.description ?? nodeType?.description ?? null
}

/** A port's label in the editor's language, else its name. */
export function portLabel(nodeType: Translated, port: string): string {
  return nodeTextIn(nodeType)?.ports?.[port] ?? port
}

/** A config field's translation (label, help, enum labels) at a form path, if the node has one. */
export function fieldText(nodeType: Translated, path: string): FieldText | undefined {
  return nodeTextIn(nodeType)?.fields?.[fieldKey(path)]
}
