// The audit trail of one record (`flow:<id>`), newest first, for roles that may read it. A
// role the server refuses gets no trail and no error: the section simply is not there.
import { ref } from 'vue'
import { api, isForbidden } from '../api/client.ts'
import type { AuditEntry } from '../api/types.ts'

export function useAudit(target: string, limit = 100) {
  const entries = ref<AuditEntry[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  /** The server said this session may not read it. */
  const refused = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      entries.value = await api.audit({ target, limit })
    } catch (e) {
      if (isForbidden(e)) refused.value = true
      else error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  return { entries, loading, error, refused, load }
}
