// Finding contacts by external id prefix or name, as the operator types. Servers without
// `GET /api/contacts` still find a contact by its exact external id.
import { ref, watch } from 'vue'
import { ApiError, api, isMissingRoute } from '../api/client.ts'
import type { Contact } from '../api/types.ts'

export function useContactSearch(delayMs = 250) {
  const query = ref('')
  const results = ref<Contact[]>([])
  const searching = ref(false)
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  async function search(q: string): Promise<void> {
    const mine = ++seq
    searching.value = true
    error.value = null
    try {
      let found: Contact[]
      try {
        found = await api.searchContacts(q)
      } catch (e) {
        if (!isMissingRoute(e) || !q) throw e
        found = [await api.getContact(q)].filter(Boolean)
      }
      if (mine === seq) results.value = found
    } catch (e) {
      if (mine === seq) {
        results.value = []
        error.value = e instanceof ApiError && e.status === 404 ? null : (e as Error).message
      }
    } finally {
      if (mine === seq) searching.value = false
    }
  }

  watch(query, (q) => {
    clearTimeout(timer)
    timer = setTimeout(() => void search(q.trim()), delayMs)
  })

  return { query, results, searching, error, search: () => search(query.value.trim()) }
}
