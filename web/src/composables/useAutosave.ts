// Debounced saving of a draft: the editor calls `touch()` on every change and the draft is
// PUT once the operator pauses. `flush()` saves at once (before publishing or leaving).
import { onBeforeUnmount, ref } from 'vue'

export type SaveState = 'saved' | 'pending' | 'saving' | 'error'

export function useAutosave(save: () => Promise<void>, delayMs = 800) {
  const state = ref<SaveState>('saved')
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | null = null
  let again = false

  async function run(): Promise<void> {
    if (running) {
      // A change arrived while saving: save once more afterwards with the newest document.
      again = true
      return running
    }
    state.value = 'saving'
    running = save()
      .then(() => {
        state.value = again ? 'pending' : 'saved'
        error.value = null
      })
      .catch((e: Error) => {
        state.value = 'error'
        error.value = e.message
      })
      .finally(() => {
        running = null
      })
    await running
    if (again) {
      again = false
      await run()
    }
  }

  function touch(): void {
    state.value = 'pending'
    clearTimeout(timer)
    timer = setTimeout(() => void run(), delayMs)
  }

  async function flush(): Promise<void> {
    clearTimeout(timer)
    if (state.value === 'pending' || state.value === 'error') await run()
    else if (running) await running
  }

  const warnOnLeave = (event: BeforeUnloadEvent) => {
    if (state.value !== 'saved') event.preventDefault()
  }
  window.addEventListener('beforeunload', warnOnLeave)
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', warnOnLeave)
    if (state.value === 'pending') void flush()
  })

  return { state, error, touch, flush }
}
