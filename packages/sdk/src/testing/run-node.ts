import { portsOf, type AnyNodeDefinition, type RunInfo } from '../define-node.ts'
import type { NodeServices } from '../services.ts'
import type { ContactSnapshot, EventSnapshot } from '../contact.ts'
import { portsNamed, type NodeResult } from '../results.ts'
import { validateAgainstSchema } from '../config-validation.ts'
import { effectResume } from '../effects/effect-calls.ts'
import type { HttpTransport } from '../effects/http-effect.ts'
import { guardServices, RUN_TIME_LIMIT_MS, RunTimeLimitError, StepGate, stepOver, withinTimeLimit } from '../run-limit.ts'
import { ManualClock } from './manual-clock.ts'
import { createMemoryServices, type MemoryWorld } from './memory-services.ts'
import { runPendingEffects } from './run-effects.ts'

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
  /**
   * What happens to the effects the step asks for: `run` (default) makes them, real requests
   * with the server's retry rules, the backoff taken on `clock`; `record` only records them
   * (in `world.effects`), for a test that looks at the request alone.
   */
  effects?: 'run' | 'record'
  /** How effects' requests are made (default Node's `fetch`, with no outbound guard). */
  transport?: HttpTransport
  /** Draws the backoff jitter (default Math.random). */
  random?: () => number
  /** The limit on run(), as the server's KAIROS_NODE_RUN_TIMEOUT_MS (default 5000 ms). */
  runTimeLimitMs?: number
}

export interface RunNodeOutcome {
  result: NodeResult
  world: MemoryWorld
  clock: ManualClock
  /** For a result that waits for an effect, once `runNode` ran it: the port the run goes on through and the step's output. */
  resumed?: { port: string; output: Record<string, unknown> }
}

/**
 * Runs one node the way the engine would, against in-memory services. The
 * config is validated against the node's schema (and `validate`) first, so a
 * test fails loudly on a config the server would refuse; and a result naming
 * a port the node does not declare (for this config) throws, as the engine
 * fails such a run. run() gets the server's time limit (a `RunTimeLimitError`
 * past it) and its services refuse calls once it is over. The effects it asks
 * for are then run (see `effects`) and a wait for one is resumed as the
 * engine would (`resumed`).
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
    run: { id: run.id, flowId: run.flowId, nodeId: run.nodeId },
    definition,
  })
  options.patch?.(services)
  const node = `${definition.type}@${definition.version}`
  const limitMs = options.runTimeLimitMs ?? RUN_TIME_LIMIT_MS
  const gate = new StepGate()
  let result: NodeResult
  try {
    const guarded = guardServices(services, gate)
    result = await withinTimeLimit(
      () => definition.run({ config, contact: world.contact, event: options.event, run, now: clock.now(), services: guarded }),
      limitMs,
      gate,
      () => {
        const error = new RunTimeLimitError(node, run.nodeId, limitMs)
        gate.close(error)
        return error
      },
    )
  } finally {
    gate.close(() => stepOver(node, run.nodeId))
  }
  const declared = portsOf(definition, config)
  const undeclared = portsNamed(result).find((port) => !declared.includes(port))
  if (undeclared !== undefined)
    throw new Error(
      `node type ${definition.type}@${definition.version} returned port "${undeclared}", which it does not declare (declared: ${declared.join(', ') || 'none'})`,
    )
  if ((options.effects ?? 'run') === 'run') await runPendingEffects(world, { clock, definition, random: options.random, transport: options.transport })
  return { result, world, clock, ...resumedBy(result, world) }
}

/** The engine's resume of a wait for an effect that has settled. */
function resumedBy(result: NodeResult, world: MemoryWorld): Pick<RunNodeOutcome, 'resumed'> {
  if (result.kind !== 'waitForEffect') return {}
  const effect = world.effects?.find((e) => e.id === result.effect)
  if (!effect || effect.status === 'pending' || effect.status === 'cancelled') return {}
  return { resumed: effectResume(result.ports, result.output, { ...effect, attempts: effect.attempts.length }) }
}
