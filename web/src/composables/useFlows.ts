// The journeys list: load, create, duplicate, archive, and import a JSON file as a new draft.
import { ref } from 'vue'
import { api } from '../api/client.ts'
import type { Flow, FlowGraph, FlowSummary } from '../api/types.ts'
import { emptyGraph } from '../lib/graph.ts'
import { safeFileName } from '../lib/file-name.ts'

/** What an exported journey file holds; a bare graph is accepted too. */
interface ExportFile {
  kairos?: string
  name?: string
  graph?: FlowGraph
  nodes?: unknown
}

export function useFlows() {
  const flows = ref<FlowSummary[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    error.value = null
    try {
      flows.value = await api.listFlows()
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  const create = (name = 'Untitled journey'): Promise<Flow> => api.createFlow(name, emptyGraph())

  async function duplicate(id: string): Promise<Flow> {
    const copy = await api.duplicateFlow(id)
    await load()
    return copy
  }

  async function archive(id: string): Promise<void> {
    await api.archiveFlow(id)
    await load()
  }

  /** Reads an exported journey and creates it as a new draft; throws a readable error for a wrong file. */
  async function importFile(file: File): Promise<Flow> {
    let parsed: ExportFile
    try {
      parsed = JSON.parse(await file.text()) as ExportFile
    } catch {
      throw new Error(`${file.name} is not a JSON file.`)
    }
    const graph = parsed.graph ?? (Array.isArray(parsed.nodes) ? (parsed as unknown as FlowGraph) : null)
    if (!graph || !Array.isArray(graph.nodes)) throw new Error(`${file.name} holds no journey (expected "graph" with "nodes").`)
    const name = parsed.name ? `${parsed.name} (imported)` : file.name.replace(/\.(flow\.)?json$/i, '')
    return api.createFlow(name.slice(0, 200), graph)
  }

  return { flows, loading, error, load, create, duplicate, archive, importFile }
}

/** The file an export downloads: the journey's name and draft graph, importable as a new draft. */
export function exportFlow(flow: { name: string }, graph: FlowGraph): void {
  const body: ExportFile = { kairos: 'flow', name: flow.name, graph }
  const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `${safeFileName(flow.name)}.flow.json`
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
