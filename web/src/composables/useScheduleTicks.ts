// One schedule trigger's ticks: the next one queued and the latest few, from
// `GET /api/flows/:id/ticks?node=` (this trigger only).
// Loaded when asked — the config panel asks as it opens, after a publish and on Refresh —
// never polled: a schedule ticks at most once a minute, and usually once a day.
import { ref } from 'vue'
import { api } from '../api/client.ts'
import type { ScheduleTick } from '../api/types.ts'
import { useLatestLoad } from './useLatestLoad.ts'

export function useScheduleTicks(flowId: string, nodeId: string, shown = 5) {
  const next = ref<string | null>(null)
  const ticks = ref<ScheduleTick[]>([])
  const state = useLatestLoad(
    () => api.flowTicks(flowId, shown, nodeId),
    (answer) => {
      next.value = answer.next[0]?.at ?? null
      ticks.value = answer.ticks
    },
  )
  return { next, ticks, ...state }
}
