// The form of a step reads its labels, help and choices from the node type it shows (see
// lib/node-text.ts for the words themselves and their fallbacks): ConfigPanel provides the node
// type, each field asks for its own words by its config path.
import { computed, inject, provide, toValue, type ComputedRef, type InjectionKey, type MaybeRefOrGetter } from 'vue'
import type { NodeType } from '../api/types.ts'
import { fieldText, nodeDescription, portLabel, type Translated } from '../lib/node-text.ts'

export { fieldKey, fieldText, nodeDescription, nodeTextIn, portLabel, type FieldText, type NodeText } from '../lib/node-text.ts'

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
