// Unknown template variables, asked of the server before publishing (GET
// /api/flows/:id/publish-warnings): a template reading what no contact has and no recent trigger
// event carries. Kept per journey at module level, so the publish dialog that asks and the
// canvas steps that show a badge read the same list without threading it through the page;
// cleared once the journey is published or the draft is checked again.
import { computed, shallowReactive } from 'vue'
import { api } from '../api/client.ts'
import type { ApiReply } from '../api/types.ts'

export type VariableWarning = ApiReply<'/api/flows/{id}/publish-warnings', 'get'>['warnings'][number]

const byFlow = shallowReactive(new Map<string, VariableWarning[]>())

export function usePublishWarnings(flowId: () => string | undefined) {
  const warnings = computed(() => byFlow.get(flowId() ?? '') ?? [])
  /** Warnings per step id. */
  const byNode = computed(() => {
    const map = new Map<string, VariableWarning[]>()
    for (const w of warnings.value) map.set(w.node, [...(map.get(w.node) ?? []), w])
    return map
  })

  /** Asks the server about the saved draft; the list replaces the one before. */
  async function check(): Promise<VariableWarning[]> {
    const id = flowId()
    if (!id) return []
    const { warnings: found } = await api.publishWarnings(id)
    byFlow.set(id, found)
    return found
  }

  const clear = () => {
    const id = flowId()
    if (id) byFlow.delete(id)
  }

  return { warnings, byNode, check, clear }
}
