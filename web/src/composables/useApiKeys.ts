// API keys for integrations (Settings → API keys): list, create (its secret comes back once)
// and revoke.
import { ref } from 'vue'
import { admin } from '../api/client.ts'
import type { ApiKey, ApiKeyScope } from '../api/types.ts'

export function useApiKeys() {
  const keys = ref<ApiKey[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    error.value = null
    try {
      keys.value = await admin.listApiKeys()
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  /** Creates a key and returns its secret, which nothing can show again. */
  async function create(input: { name: string; scopes: ApiKeyScope[]; expiresAt?: string; allowedOrigins?: string[] }): Promise<{ key: ApiKey; secret: string }> {
    const created = await admin.createApiKey(input)
    keys.value = [created.key, ...keys.value]
    return created
  }

  async function revoke(id: string): Promise<void> {
    await admin.revokeApiKey(id)
    await load()
  }

  return { keys, loading, error, load, create, revoke }
}
