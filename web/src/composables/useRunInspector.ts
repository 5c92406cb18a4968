// The run inspector: a contact's runs in this flow (or the flow's latest runs), and one run
// opened with its steps. The opened run is refreshed whenever live counters move while it is
// still going, so its path and timeline follow it without a reload.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue'
import { api } from '../api/client.ts'
import type { Contact, FlowStats, Run, RunWithSteps } from '../api/types.ts'
import { edgeKey } from '../lib/graph.ts'

const FINISHED = new Set(['completed', 'exited', 'failed', 'cancelled'])
const FALLBACK_POLL_MS = 3000

export function useRunInspector(flowId: string, liveStats: Ref<FlowStats | null>) {
  const contact = ref<Contact | null>(null)
  const runs = ref<Run[]>([])
  const runsLoading = ref(false)
  const runsError = ref<string | null>(null)
  const run = ref<RunWithSteps | null>(null)
  const runError = ref<string | null>(null)
  let poll: ReturnType<typeof setInterval> | undefined

  async function loadRuns(): Promise<void> {
    runsLoading.value = true
    runsError.value = null
    try {
      runs.value = await api.listRuns({ flow: flowId, contact: contact.value?.externalId, limit: 25 })
    } catch (e) {
      runsError.value = (e as Error).message
    } finally {
      runsLoading.value = false
    }
  }

  function chooseContact(next: Contact | null): void {
    contact.value = next
    void loadRuns()
  }

  async function refreshRun(): Promise<void> {
    if (!run.value) return
    try {
      run.value = await api.getRun(run.value.id)
      runError.value = null
    } catch (e) {
      runError.value = (e as Error).message
    }
  }

  async function open(runId: string): Promise<void> {
    runError.value = null
    try {
      run.value = await api.getRun(runId)
    } catch (e) {
      runError.value = (e as Error).message
    }
  }

  function close(): void {
    run.value = null
  }

  const live = computed(() => run.value !== null && !FINISHED.has(run.value.status))
  // Counters move when steps commit: that is the moment the open run may have moved too.
  watch(liveStats, () => {
    if (live.value) void refreshRun()
  })
  watch(live, (on) => {
    clearInterval(poll)
    if (on) poll = setInterval(() => void refreshRun(), FALLBACK_POLL_MS)
  })
  onBeforeUnmount(() => clearInterval(poll))

  /** Nodes and edges the opened run went through, and where it is now. */
  const path = computed(() => {
    const nodes = new Set<string>()
    const edges = new Set<string>()
    const steps = run.value?.steps ?? []
    steps.forEach((step, i) => {
      nodes.add(step.node)
      const next = steps[i + 1]
      if (next && step.port) edges.add(edgeKey({ source: step.node, sourcePort: step.port, target: next.node }))
    })
    const current = live.value ? (run.value?.nodeId ?? null) : null
    const failed = run.value?.status === 'failed' ? (steps.at(-1)?.node ?? null) : null
    return { nodes, edges, current, failed }
  })

  return { contact, runs, runsLoading, runsError, run, runError, live, path, loadRuns, chooseContact, open, close, refreshRun }
}

export type RunInspector = ReturnType<typeof useRunInspector>
