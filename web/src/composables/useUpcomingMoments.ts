// One date trigger's upcoming moments: how many contacts it will enter within 7 and 30 days,
// and the soonest few, from `GET /api/flows/:id/upcoming?node=` (this trigger only). Loaded when asked — the config panel asks as it opens, after
// a publish, pause or resume, and on Refresh — never polled: moments move when a contact's
// date is written or a moment passes, and nobody watches a birthday list tick by.
import { ref } from 'vue'
import { api } from '../api/client.ts'
import type { UpcomingMoment } from '../api/types.ts'


export function useUpcomingMoments(flowId: string, nodeId: string, shown = 5) {
  const week = ref(0)
  const month = ref(0)
  const next = ref<UpcomingMoment[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      // Two windows, two counts: the 30-day list holds the week's moments, but not always all
      // of them, so the week is counted by the server too (its list is not needed: limit 1).
      const [inWeek, inMonth] = await Promise.all([api.flowUpcoming(flowId, '7d', 1, nodeId), api.flowUpcoming(flowId, '30d', shown, nodeId)])
      if (mine !== seq) return
      const countOf = (answer: typeof inWeek) => answer.triggers.find((t) => t.node === nodeId)?.count ?? 0
      week.value = countOf(inWeek)
      month.value = countOf(inMonth)
      next.value = inMonth.next
      error.value = null
      loaded.value = true
    } catch (e) {
      if (mine === seq) error.value = (e as Error).message
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  return { week, month, next, loading, loaded, error, load }
}
