// A settings page's data: loaded on mount and on Retry, replaced by what a save answers.
import { onMounted, ref, type Ref } from 'vue'
import { problemText } from '../lib/api-problem.ts'

export function useLoaded<T>(fetch: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>
  const loading = ref(true)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    error.value = null
    try {
      data.value = await fetch()
    } catch (e) {
      error.value = problemText(e)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)

  return { data, loading, error, load }
}
