// A button's action: busy while it runs, and what went wrong in words (problemText) after.
// `onError` sees the error first, for a form that also shows per-field problems.
import { ref } from 'vue'
import { problemText } from '../lib/api-problem.ts'

export function useAction(onError?: (error: unknown) => void) {
  const busy = ref(false)
  const error = ref<string | null>(null)

  /** Runs `action`; true when it went through. */
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    busy.value = true
    error.value = null
    try {
      await action()
      return true
    } catch (e) {
      onError?.(e)
      error.value = problemText(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, error, run }
}
