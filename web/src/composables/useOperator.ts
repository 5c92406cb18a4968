// The operator's name, asked once and kept in this browser, so version history says who
// published what. Kairos has no accounts yet; this is a label, not an identity.
import { ref } from 'vue'

const KEY = 'kairos.operator'
const name = ref<string>(localStorage.getItem(KEY) ?? '')

export function useOperator() {
  function set(value: string): void {
    name.value = value.trim()
    if (name.value) localStorage.setItem(KEY, name.value)
    else localStorage.removeItem(KEY)
  }
  return { name, set }
}
