// Configured channels for the channel picker. Fetched again each time a picker appears
// (channels are configured outside the editor, through the API, and a step's form opening is
// when a new one should show up); pickers open at the same moment share one request.
import { ref, shallowRef } from 'vue'
import { api } from '../api/client.ts'
import type { Channel } from '../api/types.ts'

const channels = shallowRef<Channel[]>([])
const loaded = ref(false)
const error = ref<string | null>(null)
let pending: Promise<void> | null = null

function load(): Promise<void> {
  pending ??= (async () => {
    try {
      channels.value = await api.listChannels()
      error.value = null
      loaded.value = true
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      pending = null
    }
  })()
  return pending
}

export function useChannels() {
  void load()
  return { channels, loaded, error, reload: load }
}
