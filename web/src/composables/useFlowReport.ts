// The reports page's data: the journey (its live version's graph, which the runs followed), the
// report and the series for the chosen range, loaded together and only the latest answer kept.
// Step names come from the graph: a step's own label, else its node type's title in the editor's
// language, else its id.
import { computed, ref, shallowRef } from 'vue'
import { api } from '../api/client.ts'
import type { Flow, FlowGraph } from '../api/types.ts'
import { funnelRows, rangeOf, type FlowReport, type FlowSeries, type RangeChoice } from '../components/reports/report-model.ts'
import { nodeTypeTitle } from '../lib/node-names.ts'
import { useLatestLoad } from './useLatestLoad.ts'
import { useNodeTypes } from './useNodeTypes.ts'

export function useFlowReport(flowId: string) {
  const flow = shallowRef<Flow | null>(null)
  const graph = shallowRef<FlowGraph | null>(null)
  const report = shallowRef<FlowReport | null>(null)
  const series = shallowRef<FlowSeries | null>(null)
  const choice = ref<RangeChoice>({ kind: 'last', days: 30 })
  const range = shallowRef<{ from: Date; to: Date } | null>(null)
  const types = useNodeTypes()

  const zone = computed(() => series.value?.timezone ?? graph.value?.settings?.timezone ?? 'UTC')

  function labelOf(id: string): string {
    const node = graph.value?.nodes.find((n) => n.id === id) ?? flow.value?.graph.nodes.find((n) => n.id === id)
    if (!node) return id
    if (node.label) return node.label
    const type = types.find(node.type, node.version)
    return type ? nodeTypeTitle(type) : id
  }

  const funnel = computed(() => (report.value && graph.value ? funnelRows(graph.value, report.value, labelOf) : []))

  const { loading, loaded, error, load } = useLatestLoad(
    async () => {
      const current = flow.value ?? (await api.getFlow(flowId))
      let shown = graph.value
      if (!shown) {
        const live = current.publishedVersion ? (await api.flowVersions(flowId)).find((v) => v.version === current.publishedVersion) : undefined
        shown = (live?.graph ?? current.graph) as FlowGraph
      }
      const window = rangeOf(choice.value, shown.settings?.timezone ?? 'UTC')
      const query = { from: window.from.toISOString(), to: window.to.toISOString() }
      const [r, s] = await Promise.all([api.flowReport(flowId, query), api.flowReportSeries(flowId, query)])
      return { current, shown, window, r, s }
    },
    ({ current, shown, window, r, s }) => {
      flow.value = current
      graph.value = shown
      range.value = window
      report.value = r
      series.value = s
    },
  )

  /** Shows another range (a preset or whole days of the journey's timezone). */
  function choose(next: RangeChoice): Promise<void> {
    choice.value = next
    return load()
  }

  return { flow, graph, report, series, funnel, choice, range, zone, labelOf, loading, loaded, error, load, choose }
}
