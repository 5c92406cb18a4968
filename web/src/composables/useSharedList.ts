// A list from the API that pickers share (segments, channels). Fetched again each time a picker
// appears (these are made outside the editor, and a step's form opening is when a new one should
// show up); pickers opening at the same moment share one request.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'

export interface SharedList<T> {
  items: ShallowRef<T[]>
  loaded: Ref<boolean>
  error: Ref<string | null>
  reload: () => Promise<void>
}

/** One shared list per `fetch`; call the returned function from each component that shows it. */
export function useSharedList<T>(fetch: () => Promise<T[]>): () => SharedList<T> {
  const items = shallowRef<T[]>([])
  const loaded = ref(false)
  const error = ref<string | null>(null)
  let pending: Promise<void> | null = null

  function reload(): Promise<void> {
    pending ??= (async () => {
      try {
        items.value = await fetch()
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

  return () => {
    void reload()
    return { items, loaded, error, reload }
  }
}
