import { validateAgainstSchema, type AnyNodeDefinition, type NodeResult, type NodeServices } from '@kairos/sdk'
import { createMemoryServices, ManualClock, type MemoryWorld } from '@kairos/sdk/testing'

/**
 * `runNode` with some services swapped or spied on. The harness cannot take
 * services of its own, and its in-memory ones apply no strategy (nor settle a
 * message as anything but sent), so tests that need to see what the node asks
 * for build the same services here and patch them.
 */
export async function runWithServices(
  definition: AnyNodeDefinition,
  options: { config: unknown; world: MemoryWorld; clock?: ManualClock; patch(services: NodeServices): void },
): Promise<NodeResult> {
  const config = structuredClone(options.config)
  const problems = [...validateAgainstSchema(definition.config, config), ...(definition.validate?.(config) ?? [])]
  if (problems.length > 0) throw new Error(`config refused: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`)
  const clock = options.clock ?? new ManualClock()
  const run = { id: 'test-run', flowId: 'test-flow', flowVersion: 1, nodeId: 'node', enteredAt: clock.now(), timezone: 'UTC' }
  const services = createMemoryServices(options.world, { clock, stepKey: 'run:test-run:step:1', runEnteredAt: clock.now(), run })
  options.patch(services)
  return definition.run({ config, contact: options.world.contact, run, now: clock.now(), services })
}
