import { createMemoryServices, ManualClock, type MemoryWorld } from '@kairos/sdk/testing'
import type { NodeResult } from '@kairos/sdk'
import split from '../src/index.ts'
import type { SplitConfig } from '../src/config.ts'

/**
 * Runs the split as the engine would for a given flow and node. `runNode`
 * always runs as flow "test-flow", node "node"; independence across flows and
 * nodes needs other ids.
 */
export async function runSplitIn(
  config: SplitConfig,
  ids: { flowId: string; nodeId: string; contactId: string },
): Promise<{ result: NodeResult; world: MemoryWorld }> {
  const clock = new ManualClock()
  const now = clock.now()
  const world: MemoryWorld = {
    contact: { id: ids.contactId, externalId: `ext-${ids.contactId}`, attributes: {}, tags: [], ownerId: null },
    events: [],
    sent: [],
  }
  const run = { id: 'run-1', flowId: ids.flowId, flowVersion: 1, nodeId: ids.nodeId, enteredAt: now, timezone: 'UTC' }
  const services = createMemoryServices(world, { clock, stepKey: 'run:run-1:1', runEnteredAt: now, run })
  const result = await split.run({ config, contact: world.contact, run, now, services })
  return { result, world }
}

/** The port a result goes through (splits only ever go on at once). */
export function portOf(result: NodeResult): string {
  if (result.kind !== 'port') throw new Error(`expected a port result, got ${result.kind}`)
  return result.port
}
