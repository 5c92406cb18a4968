// The stuck runs of one journey (waiting past their wake time, running without progress, failed)
// and the bulk actions on them: a selection of runs, or "all matching" the list's filter, which
// the server resolves itself so runs beyond the loaded page are included.
import { computed, ref } from 'vue'
import { api } from '../api/client.ts'
import type { RunSelector, StuckReason, StuckRuns } from '../api/types.ts'

const STATUS_OF: Record<StuckReason, RunSelector['status']> = { overdue: 'waiting', stalled: 'running', failed: 'failed' }

export type BulkAction = 'cancel' | 'retry'

export function useStuckRuns(flowId: string) {
  const olderThan = ref('5m')
  const reason = ref<StuckReason | ''>('')
  const list = ref<StuckRuns | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const selected = ref<string[]>([])
  const allMatching = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      list.value = await api.stuckRuns(flowId, { olderThan: olderThan.value, reason: reason.value || undefined, limit: 100 })
      const shown = new Set(list.value.runs.map((r) => r.id))
      selected.value = selected.value.filter((id) => shown.has(id))
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  /** How many runs match the filter on the server (not only the loaded page). */
  const matching = computed(() => {
    const counts = list.value?.counts
    if (!counts) return 0
    return reason.value ? counts[reason.value] : counts.overdue + counts.stalled + counts.failed
  })

  function toggle(id: string): void {
    allMatching.value = false
    selected.value = selected.value.includes(id) ? selected.value.filter((s) => s !== id) : [...selected.value, id]
  }

  /** How many runs an action would touch: retry takes failed runs only. */
  function countFor(action: BulkAction): number {
    if (allMatching.value) {
      if (action === 'cancel') return matching.value
      return reason.value === '' || reason.value === 'failed' ? (list.value?.counts.failed ?? 0) : 0
    }
    if (action === 'cancel') return selected.value.length
    const failed = new Set(list.value?.runs.filter((r) => r.reason === 'failed').map((r) => r.id))
    return selected.value.filter((id) => failed.has(id)).length
  }

  function selectorFor(action: BulkAction): RunSelector {
    if (!allMatching.value) {
      const failed = new Set(list.value?.runs.filter((r) => r.reason === 'failed').map((r) => r.id))
      return { ids: action === 'retry' ? selected.value.filter((id) => failed.has(id)) : selected.value }
    }
    if (action === 'retry') return { flowId, status: 'failed' }
    return { flowId, stuckFor: olderThan.value, ...(reason.value ? { status: STATUS_OF[reason.value] } : {}) }
  }

  /** Runs the action and reloads; returns how many runs it touched. */
  async function run(action: BulkAction): Promise<number> {
    const selector = selectorFor(action)
    const touched = action === 'cancel' ? (await api.cancelRuns(selector)).cancelled : (await api.retryRuns(selector)).retried
    selected.value = []
    allMatching.value = false
    await load()
    return touched
  }

  return { olderThan, reason, list, loading, error, selected, allMatching, matching, load, toggle, countFor, run }
}

export type StuckRunsState = ReturnType<typeof useStuckRuns>
