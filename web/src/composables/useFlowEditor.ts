// The flow being edited: its draft document, every change to it (recorded for undo and
// autosaved), and the read-only view of a published version. The document is the single
// source of truth; the canvas is drawn from it (see FlowCanvas). A role that may not change
// journeys sees it all read-only and never saves. A save refused because the session ended
// keeps the draft (in memory, and a copy in sessionStorage) and runs again after sign-in.
import { computed, ref } from 'vue'
import { api } from '../api/client.ts'
import type { Flow, FlowGraph, FlowNode, FlowSettings, FlowVersion } from '../api/types.ts'
import { asDraft, edgeKey, emptyGraph, newNodeId } from '../lib/graph.ts'
import { nodeTypeTitle } from '../lib/node-names.ts'
import { portsOf } from '../lib/ports.ts'
import { copySteps, keepCopy, pastedSteps, readCopy } from '../lib/step-clipboard.ts'
import { tidyLayout, type Box } from '../lib/tidy-layout.ts'
import { initialObject } from '../lib/schema.ts'
import { useAutosave } from './useAutosave.ts'
import { useDraftBackup } from './useDraftBackup.ts'
import { useHistory } from './useHistory.ts'
import { useNodeTypes } from './useNodeTypes.ts'
import { useSession } from './useSession.ts'

/** Why the canvas cannot be changed: a published version open, an archived journey, or the role. */
export type ReadOnlyReason = 'version' | 'archived' | 'role' | null

export function useFlowEditor(flowId: string) {
  const { find } = useNodeTypes()
  const flow = ref<Flow | null>(null)
  const graph = ref<FlowGraph>(emptyGraph())
  const loading = ref(true)
  const loadError = ref<string | null>(null)
  /** A published version shown read-only instead of the draft. */
  const viewing = ref<FlowVersion | null>(null)
  const selectedNodeId = ref<string | null>(null)
  /** A "+ next step" asked for on a port: the canvas shows the short palette where it was clicked. */
  const nextStepFrom = ref<{ source: string; port: string; at: { x: number; y: number } } | null>(null)
  /** True when the draft opened with changes that had not reached the server (put back from the tab's copy). */
  const restored = ref(false)
  const history = useHistory(graph)
  const session = useSession()
  const backup = useDraftBackup(flowId)
  const autosave = useAutosave(async () => {
    backup.keep(graph.value)
    const saved = await api.updateFlow(flowId, { graph: graph.value })
    flow.value = saved
    if (autosave.state.value === 'saving') backup.clear()
  })
  // Signed in again after the session ended: the draft that could not be saved goes now.
  session.whenSignedInAgain(() => void autosave.flush())

  const mayEdit = computed(() => session.can('workspace:write'))
  const readOnlyReason = computed<ReadOnlyReason>(() =>
    viewing.value !== null ? 'version' : flow.value?.status === 'archived' ? 'archived' : !mayEdit.value ? 'role' : null,
  )
  const readOnly = computed(() => readOnlyReason.value !== null)
  const shown = computed(() => viewing.value?.graph ?? graph.value)
  const selectedNode = computed(() => shown.value.nodes.find((n) => n.id === selectedNodeId.value) ?? null)

  async function load(): Promise<void> {
    loading.value = true
    loadError.value = null
    try {
      flow.value = await api.getFlow(flowId)
      graph.value = { ...emptyGraph(), ...flow.value.graph, edges: flow.value.graph.edges ?? [] }
      history.clear()
      restoreUnsaved()
    } catch (e) {
      loadError.value = (e as Error).message
    } finally {
      loading.value = false
    }
  }

  /** Puts back a draft this tab could not save (as one undoable change, saved at once). */
  function restoreUnsaved(): void {
    const copy = backup.read()
    if (!copy) return
    if (readOnly.value || JSON.stringify(copy.graph) === JSON.stringify(graph.value)) return backup.clear()
    change((g) => Object.assign(g, copy.graph))
    restored.value = true
  }

  /** Applies one change to the draft: recorded for undo, then autosaved. */
  function change(apply: (g: FlowGraph) => void, coalesce?: string): void {
    if (readOnly.value) return
    history.record(coalesce)
    apply(graph.value)
    autosave.touch()
  }

  const nodeById = (id: string) => graph.value.nodes.find((n) => n.id === id)

  /** Adds a step of `type` at `position`; with `after`, connected from that step's port (one undo step). */
  function addNode(type: string, position: { x: number; y: number }, after?: { source: string; port: string }): string | null {
    const nodeType = find(type)
    if (!nodeType || readOnly.value) return null
    const id = newNodeId(graph.value, type)
    const node: FlowNode = { id, type, version: nodeType.version, label: nodeTypeTitle(nodeType), config: initialObject(nodeType.configSchema), position }
    change((g) => {
      g.nodes.push(node)
      if (after) g.edges = [...(g.edges ?? []).filter((e) => !(e.source === after.source && (e.sourcePort ?? 'next') === after.port)), { source: after.source, sourcePort: after.port, target: id }]
    })
    selectedNodeId.value = id
    return id
  }

  /** Copies steps (and the edges between them) to this browser's step clipboard. */
  function copy(ids: string[]): boolean {
    const copied = copySteps(shown.value, ids)
    if (copied) keepCopy(copied)
    return copied !== null
  }

  /** Pastes the copied steps with new ids, offset from the originals; returns the new ids. */
  function paste(): string[] {
    const copied = readCopy()
    if (!copied || readOnly.value) return []
    const { nodes, edges } = pastedSteps(graph.value, copied)
    change((g) => {
      g.nodes.push(...nodes)
      g.edges = [...(g.edges ?? []), ...edges]
    })
    selectedNodeId.value = nodes.length === 1 ? nodes[0].id : null
    return nodes.map((n) => n.id)
  }

  /** Copy and paste in one: the steps' twins beside them. */
  function duplicate(ids: string[]): string[] {
    return !readOnly.value && copy(ids) ? paste() : []
  }

  /** Lays every step out top to bottom by depth (lib/tidy-layout.ts), as one undoable change. */
  function tidy(box: (id: string) => Box): void {
    const at = tidyLayout(graph.value, box)
    change((g) => {
      for (const node of g.nodes) node.position = at.get(node.id) ?? node.position
    })
  }

  function moveNodes(moves: Array<{ id: string; x: number; y: number }>): void {
    change((g) => {
      for (const m of moves) {
        const node = g.nodes.find((n) => n.id === m.id)
        if (node) node.position = { x: Math.round(m.x), y: Math.round(m.y) }
      }
    })
  }

  function remove(nodeIds: string[], edgeKeys: string[] = []): void {
    if (nodeIds.length === 0 && edgeKeys.length === 0) return
    const gone = new Set(nodeIds)
    const cut = new Set(edgeKeys)
    change((g) => {
      g.nodes = g.nodes.filter((n) => !gone.has(n.id))
      g.edges = (g.edges ?? []).filter((e) => !gone.has(e.source) && !gone.has(e.target) && !cut.has(edgeKey(e)))
    })
    if (selectedNodeId.value && gone.has(selectedNodeId.value)) selectedNodeId.value = null
  }

  /** Connects a port to a node; a port leads to one node, so an earlier edge from it is replaced. */
  function connect(source: string, sourcePort: string, target: string): void {
    if (source === target) return
    change((g) => {
      g.edges = (g.edges ?? []).filter((e) => !(e.source === source && (e.sourcePort ?? 'next') === sourcePort))
      g.edges.push({ source, sourcePort, target })
    })
  }

  /** New config for a node; edges follow renamed ports and leave ports that are gone. */
  function updateConfig(id: string, config: Record<string, unknown>, coalesce?: string): void {
    const node = nodeById(id)
    if (!node) return
    const nodeType = find(node.type, node.version)
    const before = portsOf(nodeType, node.config ?? {})
    const after = portsOf(nodeType, config)
    change((g) => {
      const target = g.nodes.find((n) => n.id === id)!
      target.config = config
      if (before.join('\n') === after.join('\n')) return
      const renamed = new Map(before.length === after.length ? before.map((p, i) => [p, after[i]] as const) : [])
      g.edges = (g.edges ?? [])
        .map((e) => (e.source === id && renamed.has(e.sourcePort ?? 'next') ? { ...e, sourcePort: renamed.get(e.sourcePort ?? 'next')! } : e))
        .filter((e) => e.source !== id || after.includes(e.sourcePort ?? 'next'))
    }, coalesce ?? `config:${id}`)
  }

  function updateLabel(id: string, label: string): void {
    change((g) => {
      const node = g.nodes.find((n) => n.id === id)
      if (node) node.label = label
    }, `label:${id}`)
  }

  function updateSettings(settings: FlowSettings): void {
    change((g) => (g.settings = settings), 'settings')
  }

  async function rename(name: string): Promise<void> {
    if (!flow.value || !name.trim() || name === flow.value.name) return
    flow.value = await api.updateFlow(flowId, { name: name.trim() })
  }

  /** Replaces the draft with a published version's graph: "start a new draft from v3". */
  function draftFrom(version: FlowVersion): void {
    viewing.value = null
    change((g) => Object.assign(g, asDraft(version.graph)))
  }

  function undo(): void {
    if (!readOnly.value && history.undo()) autosave.touch()
  }
  function redo(): void {
    if (!readOnly.value && history.redo()) autosave.touch()
  }

  return {
    flow, graph, shown, loading, loadError, viewing, readOnly, readOnlyReason, mayEdit, restored, selectedNodeId, selectedNode,
    saveState: autosave.state, saveError: autosave.error, flush: autosave.flush,
    canUndo: history.canUndo, canRedo: history.canRedo,
    nextStepFrom,
    load, addNode, moveNodes, remove, connect, updateConfig, updateLabel, updateSettings, rename, draftFrom, undo, redo, copy, paste, duplicate, tidy,
  }
}

export type FlowEditor = ReturnType<typeof useFlowEditor>
