// The editor's Simulate mode (docs/simulation.md, "In the editor"): the set-up form, the run,
// its answer and the contact whose timeline is open. The canvas reads it through inject to draw
// simulated counters and that contact's path instead of the live ones; leaving the mode clears
// it all, so nothing simulated stays on the canvas. A simulation sends and writes nothing.
import { computed, inject, provide, reactive, ref, type InjectionKey } from 'vue'
import { api } from '../api/client.ts'
import { t } from '../i18n/index.ts'
import type { FlowEditor } from './useFlowEditor.ts'
import { useNodeTypes } from './useNodeTypes.ts'
import { buildRequest, contactNames } from '../components/simulate/simulation-request.ts'
import { describeFailure } from '../components/simulate/simulation-problems.ts'
import { emptyForm, type SimulationProblem, type SimulationResult } from '../components/simulate/simulation-types.ts'
import { contactPath, messageRows, portTraffic, stepCounts } from '../components/simulate/simulation-view.ts'

export function useSimulation(editor: FlowEditor) {
  const { find } = useNodeTypes()
  const active = ref(false)
  const form = reactive(emptyForm())
  const running = ref(false)
  const failure = ref<{ headline: string; problems: SimulationProblem[] } | null>(null)
  const result = ref<SimulationResult | null>(null)
  const selected = ref<string | null>(null)

  const counts = computed(() => stepCounts(result.value))
  const traffic = computed(() => portTraffic(result.value))
  const messages = computed(() => messageRows(result.value))
  const contact = computed(() => result.value?.contacts.find((c) => c.contact === selected.value) ?? null)
  /** The open contact's path, drawn as the run inspector draws a run's. */
  const path = computed(() => contactPath(contact.value))
  /** Results are on the canvas: counters and traffic come from the simulation, not live. */
  const showing = computed(() => active.value && result.value !== null)

  function stepOf(id: string) {
    const node = editor.graph.value.nodes.find((n) => n.id === id)
    return node ? { node, type: find(node.type, node.version) } : undefined
  }

  async function run(): Promise<void> {
    const flowId = editor.flow.value?.id
    if (!flowId || running.value) return
    failure.value = null
    const built = buildRequest(form)
    if ('problems' in built) {
      failure.value = { headline: t('simulate.problems.fixForm'), problems: built.problems }
      return
    }
    running.value = true
    try {
      // The draft simulated is the one saved: what the operator sees, not the copy before their last edit.
      if (form.source === 'draft') await editor.flush()
      result.value = await api.simulateFlow(flowId, built.body)
      selected.value = null
    } catch (e) {
      failure.value = describeFailure(e, contactNames(form), stepOf)
    } finally {
      running.value = false
    }
  }

  function open(): void {
    active.value = true
  }

  /** Leaves the mode: the canvas shows live counters again; the form is kept for next time. */
  function close(): void {
    active.value = false
    result.value = null
    failure.value = null
    selected.value = null
  }

  return { active, form, running, failure, result, selected, contact, counts, traffic, messages, path, showing, run, open, close, toggle: () => (active.value ? close() : open()) }
}

export type Simulation = ReturnType<typeof useSimulation>

const KEY: InjectionKey<Simulation> = Symbol('kairos-simulation')

export function provideSimulation(simulation: Simulation): void {
  provide(KEY, simulation)
}

/** The Simulate mode inside the flow editor; null elsewhere (a canvas outside the editor). */
export function useOptionalSimulation(): Simulation | null {
  return inject(KEY, null)
}
