// The state every form that chooses a new password shares: the password typed twice, whether
// the person has tried to submit (problems show only after that), busy while saving, and the
// server's refusal in words.
import { computed, ref } from 'vue'
import { passwordProblem } from '../lib/account-text.ts'

export function usePasswordForm() {
  const password = ref('')
  const confirm = ref('')
  const tried = ref(false)
  const busy = ref(false)
  const error = ref<string | null>(null)
  const problem = computed(() => passwordProblem(password.value, confirm.value))

  /**
   * Runs `save` once the two passwords agree and are long enough; a thrown error becomes
   * `error` (through `describe`, which may also act on it, e.g. re-check the session).
   */
  async function submit(save: () => Promise<unknown>, describe: (e: unknown) => string = (e) => (e as Error).message): Promise<boolean> {
    tried.value = true
    if (problem.value) return false
    busy.value = true
    error.value = null
    try {
      await save()
      return true
    } catch (e) {
      error.value = describe(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { password, confirm, tried, busy, error, problem, submit }
}
