// The palette: node types from `GET /api/node-types`, loaded once per page load and shared.
import { computed, shallowRef, ref } from 'vue'
import { api } from '../api/client.ts'
import type { NodeType } from '../api/types.ts'
import { CATEGORY_ORDER } from '../lib/categories.ts'
import { nodeTypeTitle } from '../lib/node-names.ts'
import { shownCategory } from '../lib/palette-groups.ts'

// Shallow: the types are replaced whole, never edited, and their schemas need no proxies.
const nodeTypes = shallowRef<NodeType[]>([])
const loading = ref(false)
const error = ref<string | null>(null)
let pending: Promise<void> | null = null

function load(): Promise<void> {
  pending ??= (async () => {
    loading.value = true
    error.value = null
    try {
      nodeTypes.value = await api.nodeTypes()
    } catch (e) {
      error.value = (e as Error).message
      pending = null
    } finally {
      loading.value = false
    }
  })()
  return pending
}

/** Node types, looked up by type (newest version) or type@version, and grouped for the palette. */
export function useNodeTypes() {
  void load()
  const byKey = computed(() => {
    const map = new Map<string, NodeType>()
    // Newest version last, so a bare type resolves to it.
    for (const t of [...nodeTypes.value].sort((a, b) => a.version - b.version)) {
      map.set(t.type, t)
      map.set(`${t.type}@${t.version}`, t)
    }
    return map
  })
  const find = (type: string, version?: number) => byKey.value.get(version ? `${type}@${version}` : type) ?? byKey.value.get(type)
  /**
   * Categories in journey order (trigger → exit), unknown ones after; newest version of each type
   * only, filed as the editor shows them (lib/palette-groups.ts) and sorted by their shown name.
   */
  const grouped = computed(() => {
    const latest = [...new Map([...nodeTypes.value].sort((a, b) => a.version - b.version).map((t) => [t.type, t])).values()]
    const categories = [...new Set([...CATEGORY_ORDER, ...latest.map(shownCategory)])]
    return categories
      .map((category) => ({
        category,
        types: latest.filter((t) => shownCategory(t) === category).sort((a, b) => nodeTypeTitle(a).localeCompare(nodeTypeTitle(b))),
      }))
      .filter((g) => g.types.length > 0)
  })
  return { nodeTypes, loading, error, find, grouped, reload: () => ((pending = null), load()) }
}
