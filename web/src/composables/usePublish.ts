// Publishing the draft and the server's verdict: the problems it found, by node and field,
// kept until the next attempt (not cleared on the first keystroke) so the operator can
// work through the list while the canvas and the config panel point at each one. The server
// records who published (the signed-in person) in the version history.
import { computed, ref } from 'vue'
import { ApiError, api } from '../api/client.ts'
import type { ErrorDetail } from '../api/types.ts'
import { humanizeProblems } from '../lib/problem-text.ts'
import type { FlowEditor } from './useFlowEditor.ts'

export function usePublish(editor: FlowEditor) {
  const publishing = ref(false)
  const problems = ref<ErrorDetail[]>([])
  const error = ref<string | null>(null)
  const lastPublished = ref<number | null>(null)

  /** Problems per node id; flow-wide ones (no node) under `''`. */
  const byNode = computed(() => {
    const map = new Map<string, ErrorDetail[]>()
    for (const p of problems.value) {
      const key = p.node ?? ''
      map.set(key, [...(map.get(key) ?? []), p])
    }
    return map
  })

  /** `movePlan`: a dry run's plan, moving the contacts waiting on the live version in the same transaction. */
  async function publish(movePlan?: string): Promise<boolean> {
    if (!editor.flow.value) return false
    publishing.value = true
    error.value = null
    try {
      await editor.flush()
      if (editor.saveState.value === 'error') throw new Error(`The draft could not be saved: ${editor.saveError.value}`)
      const { version, flow } = await api.publishFlow(editor.flow.value.id, movePlan)
      editor.flow.value = flow
      problems.value = []
      lastPublished.value = version
      return true
    } catch (e) {
      if (e instanceof ApiError && e.code === 'KAIROS_FLOW_INVALID') problems.value = humanizeProblems(e.details)
      else error.value = (e as Error).message
      return false
    } finally {
      publishing.value = false
    }
  }

  return { publishing, problems, byNode, error, lastPublished, publish, clear: () => (problems.value = []) }
}

export type Publisher = ReturnType<typeof usePublish>
