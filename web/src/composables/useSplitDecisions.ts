// The auto-winner decisions of a journey's splits (GET /api/flows/:id/report, `decisions`), for the
// canvas's "Winner: B since …" mark. Read once per journey and shared by its split steps, again
// after a minute at most when a step asks; only journeys with an auto-winner split ever ask.
import { shallowRef, type ShallowRef } from 'vue'
import { api } from '../api/client.ts'

export interface SplitDecision {
  version: number
  arm: string
  at: string
  confidence: number
  pValue: number
}

const REFRESH_MS = 60_000
const byFlow = new Map<string, { decisions: ShallowRef<Record<string, SplitDecision>>; loadedAt: number }>()

export function useSplitDecisions(flowId: string): ShallowRef<Record<string, SplitDecision>> {
  let entry = byFlow.get(flowId)
  if (!entry) byFlow.set(flowId, (entry = { decisions: shallowRef({}), loadedAt: 0 }))
  if (Date.now() - entry.loadedAt > REFRESH_MS) {
    entry.loadedAt = Date.now()
    const shared = entry
    api.flowReport(flowId).then(
      (report) => (shared.decisions.value = report.decisions ?? {}),
      // No report (a viewer without access, the server away): no mark, and the next step asks again.
      () => (shared.loadedAt = 0),
    )
  }
  return entry.decisions
}
