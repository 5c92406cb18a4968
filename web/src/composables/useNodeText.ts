// A node type's words in the editor's language, from the translations the node ships itself
// (`i18n` on its definition, returned by GET /api/node-types): its description, each config
// field's label, help and enum labels, each port's label. Whatever a node leaves out (a
// third-party node with no `i18n` at all) shows the English of its definition and schema.
// The title is lib/node-names.ts's `nodeTypeTitle`, which also knows the editor's own catalog.
import { computed, inject, provide, toValue, type ComputedRef, type InjectionKey, type MaybeRefOrGetter } from 'vue'
import type { NodeType } from '../api/types.ts'
import { locale } from '../i18n/index.ts'

export type NodeText = NodeType['i18n'][string]
export type FieldText = NonNullable<NodeText['fields']>[string]

type Translated = Pick<NodeType, 'i18n'> | null | undefined

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

const FORM_NODE: InjectionKey<ComputedRef<Translated>> = Symbol('form node type')

/** Called by the form of a step: the fields below it take their labels from this node type. */
export function provideFormNodeType(nodeType: MaybeRefOrGetter<Translated>): void {
  provide(FORM_NODE, computed(() => toValue(nodeType)))
}

/**
 * One field's words for the form it is in: its label and help, and a label for each enum value,
 * each falling back to what the schema says (a form with no node type, such as a channel's,
 * always uses the schema).
 */
export function useFieldText(path: MaybeRefOrGetter<string>) {
  const nodeType = inject(FORM_NODE, null)
  const text = computed(() => fieldText(nodeType?.value, toValue(path)))
  return {
    text,
    label: (fallback: string) => text.value?.title ?? fallback,
    help: (fallback: string | undefined) => text.value?.description ?? fallback,
    option: (value: unknown) => {
      const key = typeof value === 'string' ? value : JSON.stringify(value)
      return text.value?.enum?.[key] ?? key
    },
  }
}

/** A node type's words in the editor's language, for a component showing one node. */
export function useNodeText(nodeType: MaybeRefOrGetter<Translated & Pick<NodeType, 'description'>>) {
  return {
    description: computed(() => nodeDescription(toValue(nodeType))),
    port: (port: string) => portLabel(toValue(nodeType), port),
  }
}
