import type { AnyNodeDefinition } from '@kairos/sdk'
import branchNode from '../../../nodes/branch/src/index.ts'
import exitNode from '../../../nodes/exit/src/index.ts'
import sendSmsNode from '../../../nodes/send-sms/src/index.ts'
import tagNode from '../../../nodes/tag/src/index.ts'
import triggerEventNode from '../../../nodes/trigger-event/src/index.ts'
import waitEventNode from '../../../nodes/wait-event/src/index.ts'
import waitNode from '../../../nodes/wait/src/index.ts'
import { NodeRegistry } from '../src/index.ts'

/** The core node packages, as the server would load them. */
export const CORE_NODES: AnyNodeDefinition[] = [triggerEventNode, waitNode, waitEventNode, branchNode, tagNode, sendSmsNode, exitNode]

/** A registry of the core nodes plus any extra definitions a test needs. */
export function coreRegistry(...extra: AnyNodeDefinition[]): NodeRegistry {
  const registry = new NodeRegistry()
  for (const definition of [...CORE_NODES, ...extra]) registry.register(definition)
  return registry
}
