// Saved segments for the segment picker. Fetched again each time a picker appears (segments
// are made outside the editor, and a step's form opening is when a new one should show up);
// pickers open at the same moment share one request.
import { ref, shallowRef } from 'vue'
import { api } from '../api/client.ts'
import type { Segment } from '../api/types.ts'

const segments = shallowRef<Segment[]>([])
const loaded = ref(false)
const error = ref<string | null>(null)
let pending: Promise<void> | null = null

function load(): Promise<void> {
  pending ??= (async () => {
    try {
      segments.value = await api.listSegments()
      error.value = null
      loaded.value = true
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      pending = null
    }
  })()
  return pending
}

export function useSegments() {
  void load()
  return { segments, loaded, error, reload: load }
}
