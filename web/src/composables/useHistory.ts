// Undo and redo over a JSON document held in a ref. Each change records the state before
// it; changes that share a `coalesce` key within a short time (typing in one field) become
// one step, so Ctrl+Z undoes a word, not a keystroke.
import { computed, ref, type Ref } from 'vue'

const LIMIT = 100
const COALESCE_MS = 1000

export function useHistory<T>(state: Ref<T>) {
  const past = ref<string[]>([])
  const future = ref<string[]>([])
  let last: { key: string; at: number } | null = null

  /** Call before changing `state`. */
  function record(coalesce?: string): void {
    const now = Date.now()
    if (coalesce && last && last.key === coalesce && now - last.at < COALESCE_MS) {
      last.at = now
      return
    }
    past.value.push(JSON.stringify(state.value))
    if (past.value.length > LIMIT) past.value.shift()
    future.value = []
    last = coalesce ? { key: coalesce, at: now } : null
  }

  function undo(): boolean {
    const previous = past.value.pop()
    if (previous === undefined) return false
    future.value.push(JSON.stringify(state.value))
    state.value = JSON.parse(previous)
    last = null
    return true
  }

  function redo(): boolean {
    const next = future.value.pop()
    if (next === undefined) return false
    past.value.push(JSON.stringify(state.value))
    state.value = JSON.parse(next)
    last = null
    return true
  }

  function clear(): void {
    past.value = []
    future.value = []
    last = null
  }

  return { record, undo, redo, clear, canUndo: computed(() => past.value.length > 0), canRedo: computed(() => future.value.length > 0) }
}
