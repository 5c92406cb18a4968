// One schedule trigger's ticks: the next one queued and the latest few, from
// `GET /api/flows/:id/ticks` (which answers for every schedule of the flow at once).
// Loaded when asked — the config panel asks as it opens, after a publish and on Refresh —
// never polled: a schedule ticks at most once a minute, and usually once a day.
import { ref } from 'vue'
import { api } from '../api/client.ts'
import type { ScheduleTick } from '../api/types.ts'

// A flow may have several schedules: ask for enough ticks that this one's latest are among them.
const FETCH_LIMIT = 50

export function useScheduleTicks(flowId: string, nodeId: string, shown = 5) {
  const next = ref<string | null>(null)
  const ticks = ref<ScheduleTick[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await api.flowTicks(flowId, FETCH_LIMIT)
      if (mine !== seq) return
      next.value = answer.next.find((n) => n.node === nodeId)?.at ?? null
      ticks.value = answer.ticks.filter((t) => t.node === nodeId).slice(0, shown)
      error.value = null
      loaded.value = true
    } catch (e) {
      if (mine === seq) error.value = (e as Error).message
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  return { next, ticks, loading, loaded, error, load }
}
