// Output ports of a node on the canvas. Fixed ports come from the node type; ports that
// depend on the config (branch, split, wait.until's `late`) are asked of the server, which
// runs the node type's own `ports(config)`, batched and cached by config. Until it answers —
// or on a server without that endpoint — the editor reads port-name fields from the config
// (lib/ports.ts), which covers branch and split.
import { computed, reactive, type Ref } from 'vue'
import { api, isMissingRoute } from '../api/client.ts'
import type { FlowNode, NodeType } from '../api/types.ts'
import { portsOf } from '../lib/ports.ts'

const answers = reactive(new Map<string, string[] | null>())
const queue = new Map<string, { type: string; version?: number; config: Record<string, unknown> }>()
let unsupported = false
let scheduled = false

async function flush(): Promise<void> {
  scheduled = false
  const batch = [...queue.entries()]
  queue.clear()
  if (batch.length === 0 || unsupported) return
  try {
    const ports = await api.nodePorts(batch.map(([, node]) => node))
    batch.forEach(([key], i) => answers.set(key, ports[i] ?? null))
  } catch (e) {
    if (isMissingRoute(e)) unsupported = true
    else batch.forEach(([key]) => answers.delete(key)) // asked again on the next change
  }
}

function ask(key: string, node: { type: string; version?: number; config: Record<string, unknown> }): void {
  if (unsupported || answers.has(key) || queue.has(key)) return
  queue.set(key, node)
  if (!scheduled) {
    scheduled = true
    setTimeout(() => void flush(), 150)
  }
}

export function useNodePorts(node: Ref<FlowNode>, nodeType: Ref<NodeType | undefined>) {
  return computed(() => {
    const type = nodeType.value
    const config = node.value.config ?? {}
    if (!type?.dynamicPorts) return portsOf(type, config)
    const key = JSON.stringify([type.type, type.version, config])
    const answer = answers.get(key)
    if (answer) return answer
    ask(key, { type: type.type, version: type.version, config })
    return portsOf(type, config)
  })
}
