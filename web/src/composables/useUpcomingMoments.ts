// One date trigger's upcoming moments: how many contacts it will enter within 7 and 30 days,
// and the soonest few, from `GET /api/flows/:id/upcoming?node=` (this trigger only). Loaded
// when asked (the config panel asks as it opens, after a publish, pause or resume, and on
// Refresh), never polled: moments move when a contact's date is written or a moment passes.
import { ref } from 'vue'
import { api } from '../api/client.ts'
import type { UpcomingMoment } from '../api/types.ts'
import { useLatestLoad } from './useLatestLoad.ts'

export function useUpcomingMoments(flowId: string, nodeId: string, shown = 5) {
  const week = ref(0)
  const month = ref(0)
  const next = ref<UpcomingMoment[]>([])
  const countOf = (answer: { triggers: Array<{ count: number }> }) => answer.triggers[0]?.count ?? 0
  const state = useLatestLoad(
    // Two windows, two counts: the week is counted by the server too (its list is not needed: limit 1).
    () => Promise.all([api.flowUpcoming(flowId, '7d', 1, nodeId), api.flowUpcoming(flowId, '30d', shown, nodeId)]),
    ([inWeek, inMonth]) => {
      week.value = countOf(inWeek)
      month.value = countOf(inMonth)
      next.value = inMonth.next
    },
  )
  return { week, month, next, ...state }
}
