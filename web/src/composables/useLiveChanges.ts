// The live version beside the draft: its graph (fetched when the published version changes), the
// diff of the draft against it, and where contacts are in the journey now (from the live
// counters): what the operator weighs before publishing changes to a journey people are in.
import { computed, shallowRef, watch } from 'vue'
import { api } from '../api/client.ts'
import type { FlowGraph } from '../api/types.ts'
import { diffGraphs, isEmptyDiff } from '../lib/graph-diff.ts'
import type { FlowEditor } from './useFlowEditor.ts'
import type { LiveStatus } from './useLiveStatus.ts'
import { useNodeTypes } from './useNodeTypes.ts'

export function useLiveChanges(editor: FlowEditor, live: LiveStatus) {
  const published = shallowRef<FlowGraph | null>(null)
  const { find } = useNodeTypes()

  watch(
    () => [editor.flow.value?.id, editor.flow.value?.publishedVersion] as const,
    async ([id, version]) => {
      if (!id || version == null) return void (published.value = null)
      try {
        published.value = (await api.flowVersions(id)).find((v) => v.version === version)?.graph ?? null
      } catch (e) {
        // Without it the badge and the diff are not shown; publishing itself is unaffected.
        console.warn('[kairos] the live version could not be read', e)
        published.value = null
      }
    },
    { immediate: true },
  )

  const diff = computed(() =>
    published.value ? diffGraphs(published.value, editor.graph.value, (node, key) => find(node.type, node.version)?.configSchema.properties?.[key]?.default) : null,
  )
  /** The draft differs from what contacts run (ignoring positions and filled-in defaults). */
  const unpublished = computed(() => diff.value !== null && !isEmptyDiff(diff.value))
  /** Contacts in the journey now, by the step they are at (most first). */
  const inFlight = computed(() => {
    const nodes = live.stats.value?.nodes ?? {}
    const at = Object.entries(nodes)
      // entered counts steps taken plus runs there now; every step taken is done, exited or failed.
      .map(([node, c]) => ({ node, count: Math.max(0, c.entered - c.completed - c.exited - c.failed) }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count)
    return { total: at.reduce((s, x) => s + x.count, 0), at }
  })

  return { published, diff, unpublished, inFlight }
}

export type LiveChanges = ReturnType<typeof useLiveChanges>
