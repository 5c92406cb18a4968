import { portsOf, type AnyNodeDefinition, type RunInfo } from '../define-node.ts'
import type { NodeServices } from '../services.ts'
import type { ContactSnapshot, EventSnapshot } from '../contact.ts'
import { portsNamed, type NodeResult } from '../results.ts'
import { validateAgainstSchema } from '../config-validation.ts'
import { ManualClock } from './manual-clock.ts'
import { createMemoryServices, type MemoryWorld } from './memory-services.ts'

export interface RunNodeOptions {
  config: unknown
  contact?: Partial<ContactSnapshot>
  event?: EventSnapshot
  /** The contact's past events, for event conditions. */
  events?: EventSnapshot[]
  clock?: ManualClock
  /** When the run entered the flow; defaults to the clock's now. */
  runEnteredAt?: Date
  /** The step's idempotency key; run twice with the same key to test retries. */
  stepKey?: string
  timezone?: string
  /** Reuse a world across calls (to test a retried step). */
  world?: MemoryWorld
  /** Where the node runs: override the test run's ids (a split in another flow, say). */
  run?: Partial<Pick<RunInfo, 'id' | 'flowId' | 'flowVersion' | 'nodeId' | 'timezone'>>
  /** Swap or spy on services before the node runs (a provider that queues, an assignment strategy). */
  patch?: (services: NodeServices) => void
}

export interface RunNodeOutcome {
  result: NodeResult
  world: MemoryWorld
  clock: ManualClock
}

/**
 * Runs one node the way the engine would, against in-memory services. The
 * config is validated against the node's schema (and `validate`) first, so a
 * test fails loudly on a config the server would refuse; and a result naming
 * a port the node does not declare (for this config) throws, as the engine
 * fails such a run.
 */
export async function runNode(definition: AnyNodeDefinition, options: RunNodeOptions): Promise<RunNodeOutcome> {
  const config = structuredClone(options.config)
  const problems = [...validateAgainstSchema(definition.config, config), ...(definition.validate?.(config) ?? [])]
  if (problems.length > 0) throw new Error(`config refused: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`)
  const clock = options.clock ?? new ManualClock()
  const world: MemoryWorld = options.world ?? {
    contact: { id: '1', externalId: 'test-contact', attributes: {}, tags: [], ownerId: null, ...options.contact },
    events: options.events ?? [],
    sent: [],
  }
  const runEnteredAt = options.runEnteredAt ?? clock.now()
  const run: RunInfo = {
    id: 'test-run',
    flowId: 'test-flow',
    flowVersion: 1,
    nodeId: 'node',
    enteredAt: runEnteredAt,
    timezone: options.timezone ?? 'UTC',
    ...options.run,
  }
  const services = createMemoryServices(world, {
    clock,
    stepKey: options.stepKey ?? 'run:test-run:step:1',
    runEnteredAt,
    event: options.event,
    run: { id: run.id, flowId: run.flowId },
  })
  options.patch?.(services)
  const result = await definition.run({ config, contact: world.contact, event: options.event, run, now: clock.now(), services })
  const declared = portsOf(definition, config)
  const undeclared = portsNamed(result).find((port) => !declared.includes(port))
  if (undeclared !== undefined)
    throw new Error(
      `node type ${definition.type}@${definition.version} returned port "${undeclared}", which it does not declare (declared: ${declared.join(', ') || 'none'})`,
    )
  return { result, world, clock }
}
