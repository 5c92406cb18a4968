// Loading a panel's data on request (open, publish, Refresh), keeping only the latest answer:
// an older request that returns late never overwrites a newer one.
import { ref } from 'vue'

/** `fetch` gets the data; `apply` stores it, and only runs for the latest request. */
export function useLatestLoad<T>(fetch: () => Promise<T>, apply: (data: T) => void) {
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const data = await fetch()
      if (mine !== seq) return
      apply(data)
      error.value = null
      loaded.value = true
    } catch (e) {
      if (mine === seq) error.value = (e as Error).message
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  return { loading, loaded, error, load }
}
