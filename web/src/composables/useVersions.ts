// A flow's published versions, newest first, with who published each and when.
import { ref } from 'vue'
import { api } from '../api/client.ts'
import type { FlowVersion } from '../api/types.ts'

export function useVersions(flowId: string) {
  const versions = ref<FlowVersion[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      versions.value = await api.flowVersions(flowId)
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  return { versions, loading, error, load }
}
