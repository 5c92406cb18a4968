import {
  guardServices,
  parseDuration,
  portsNamed,
  RUN_TIME_LIMIT_MS,
  RunTimeLimitError,
  StepGate,
  stepOver,
  withinTimeLimit,
  type ContactSnapshot,
  type NodeResult,
  type NodeServices,
} from '@kairos/sdk'
import type { CompiledFlow } from './compile-flow.ts'
import type { Resume, RunState, RunStatus, StepRecord, WaitState } from './run-state.ts'

/**
 * Builds the services for one step; the seq makes the step's idempotency key.
 * `gate` closes when the step is over or its run() ran out of time: a service
 * still in progress then must not write what it was about to (`gate.check()`).
 */
export type ServicesForStep = (step: { seq: number; nodeId: string }, gate: StepGate) => NodeServices

export interface AdvanceInput {
  run: RunState
  flow: CompiledFlow
  contact: ContactSnapshot
  now: Date
  services: ServicesForStep
  /** Set when a waiting run is woken: the port its wait leaves through. */
  resume?: Resume
  /** Nodes executed in one go before yielding (a safety net; validation rejects loops without a wait). */
  maxSteps?: number
  /** How long one run() may take, in ms (default RUN_TIME_LIMIT_MS). */
  runTimeLimitMs?: number
  /**
   * Node types (`type@version`) whose run() ran out of time, shared by the runs
   * of one batch: a run reaching one fails there at once, saying so, instead of
   * running it, so a node that hangs costs a batch one time limit, not one per
   * run (handing those runs to a later job cost that job one limit per run, and
   * so on: a batch of 500 held its contacts for some 40 minutes).
   */
  slowNodes?: Set<string>
}

/** Where the run stands after advancing, for the caller to persist atomically. */
export interface AdvanceOutcome {
  status: RunStatus
  nodeId: string
  nodeEnteredAt: Date
  seq: number
  steps: StepRecord[]
  /** When a waiting run wakes (end of a wait, or an event wait's timeout). */
  wakeAt: Date | null
  wait: WaitState | null
  error: string | null
  exitReason: string | null
}

const DEFAULT_MAX_STEPS = 100
/** How long a message node waits for its provider's answer by default. */
const DELIVERY_TIMEOUT = '7d'
/** How long a node waits for an effect by default: far past its retries (five attempts within a minute or so). */
const EFFECT_TIMEOUT = '1d'

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function resolveTime(spec: { for?: string; until?: Date }, now: Date): Date {
  let time: Date
  if (spec.until) time = new Date(spec.until)
  else if (spec.for) time = new Date(now.getTime() + parseDuration(spec.for))
  else throw new Error('a wait needs "for" or "until"')
  if (Number.isNaN(time.getTime())) throw new Error(`a wait resolved to an invalid time (${JSON.stringify(spec)})`)
  return time
}

/**
 * Moves a run forward from where it stands: through every node that does not
 * wait, until it waits, exits, fails or reaches a port with no edge
 * (completed). Pure: side effects go through `services`, and the caller
 * commits the outcome, its steps and the next job in one transaction.
 */
export async function advanceRun(input: AdvanceInput): Promise<AdvanceOutcome> {
  const { run, flow, contact, now } = input
  const steps: StepRecord[] = []
  let nodeId = run.nodeId
  let nodeEnteredAt = run.nodeEnteredAt
  let seq = run.seq
  const settle = (status: RunStatus, extra: Partial<AdvanceOutcome> = {}): AdvanceOutcome => ({
    status, nodeId, nodeEnteredAt, seq, steps, wakeAt: null, wait: null, error: null, exitReason: null, ...extra,
  })
  const record = (step: Omit<StepRecord, 'nodeId' | 'nodeType' | 'nodeVersion' | 'seq' | 'enteredAt' | 'leftAt'>) => {
    const compiled = flow.nodes.get(nodeId)!
    steps.push({
      nodeId, nodeType: compiled.node.type, nodeVersion: compiled.definition.version, seq, enteredAt: nodeEnteredAt, leftAt: now, ...step,
    })
    seq += 1
  }
  /** Follows `port` out of the current node; false when nothing is connected (the run completes). */
  const follow = (port: string): boolean => {
    const target = flow.next.get(`${nodeId}:${port}`)
    if (!target) return false
    nodeId = target
    nodeEnteredAt = now
    return true
  }

  if (input.resume) {
    record({ outcome: 'port', port: input.resume.port, output: input.resume.output })
    if (!follow(input.resume.port)) return settle('completed')
  }

  for (let executed = 0; executed < (input.maxSteps ?? DEFAULT_MAX_STEPS); executed++) {
    const compiled = flow.nodes.get(nodeId)
    if (!compiled) return settle('failed', { error: `node "${nodeId}" is not in flow version ${run.flowVersion}` })
    const node = `${compiled.node.type}@${compiled.definition.version}`
    const limitMs = input.runTimeLimitMs ?? RUN_TIME_LIMIT_MS
    if (input.slowNodes?.has(node)) {
      const message = `not run: node type ${node} did not finish run() within ${limitMs} ms for another run of this batch; retry the run once the plugin is fixed`
      record({ outcome: 'error', port: null, error: message })
      return settle('failed', { error: message })
    }
    let result: NodeResult
    // The step's services close when it is over, or when its time is up: a run() that goes on
    // after its limit (in a transaction that has moved on to other runs) can change nothing.
    const gate = new StepGate()
    try {
      const services = guardServices(input.services({ seq, nodeId }, gate), gate)
      result = await withinTimeLimit(
        () =>
          compiled.definition.run({
            config: compiled.node.config,
            contact,
            event: run.trigger,
            run: { id: run.id, flowId: run.flowId, flowVersion: run.flowVersion, nodeId, enteredAt: run.enteredAt, timezone: flow.settings.timezone },
            now,
            services,
          }),
        limitMs,
        gate,
        () => {
          const error = new RunTimeLimitError(node, nodeId, limitMs)
          gate.close(error)
          input.slowNodes?.add(node)
          return error
        },
      )
    } catch (error) {
      const message = describe(error)
      record({ outcome: 'error', port: null, error: message })
      return settle('failed', { error: message })
    } finally {
      gate.close(() => stepOver(node, nodeId))
    }

    // Every port a result names must be one the node declares, or the run would silently stop there.
    const unknown = portsNamed(result).find((port) => !compiled.ports.includes(port))
    if (unknown !== undefined) {
      const message = `node returned unknown port "${unknown}"`
      record({ outcome: 'error', port: null, error: message })
      return settle('failed', { error: message })
    }
    let wakeAt: Date | undefined
    try {
      if (result.kind === 'wait') wakeAt = resolveTime(result, now)
      if (result.kind === 'waitForEvent') wakeAt = resolveTime(result.timeout, now)
      if (result.kind === 'waitForDelivery') wakeAt = resolveTime({ for: result.timeout?.for ?? DELIVERY_TIMEOUT }, now)
      if (result.kind === 'waitForEffect') wakeAt = resolveTime({ for: result.timeout?.for ?? EFFECT_TIMEOUT }, now)
    } catch (error) {
      const message = describe(error)
      record({ outcome: 'error', port: null, error: message })
      return settle('failed', { error: message })
    }

    switch (result.kind) {
      case 'port': {
        record({ outcome: 'port', port: result.port, output: result.output })
        if (!follow(result.port)) return settle('completed')
        continue
      }
      case 'wait': {
        if (wakeAt!.getTime() <= now.getTime()) {
          record({ outcome: 'port', port: result.port, output: result.output })
          if (!follow(result.port)) return settle('completed')
          continue
        }
        return settle('waiting', { wakeAt, wait: { timeoutPort: result.port, output: result.output } })
      }
      case 'waitForEvent': {
        return settle('waiting', {
          wakeAt,
          wait: {
            timeoutPort: result.ports.timeout,
            receivedPort: result.ports.received,
            event: result.event,
            where: result.where,
            portBy: result.portBy,
            output: result.output,
          },
        })
      }
      case 'waitForDelivery': {
        // No answer within the timeout counts as a failure; the provider job gave up or never ran.
        return settle('waiting', {
          wakeAt,
          wait: {
            timeoutPort: result.ports.failed,
            delivery: result.delivery,
            sentPort: result.ports.sent,
            failedPort: result.ports.failed,
            ...(result.ports.suppressed ? { suppressedPort: result.ports.suppressed } : {}),
            // By the instant: a deferred message's timeout is its delay plus the answer's (`36000000ms7d`), no duration to show.
            output: { ...result.output, error: `no answer from the provider by ${wakeAt?.toISOString()}` },
          },
        })
      }
      case 'waitForEffect': {
        // Settled by the effect's job; no result within the timeout goes through the failed port.
        return settle('waiting', {
          wakeAt,
          wait: {
            timeoutPort: result.ports.failed,
            effect: result.effect,
            donePort: result.ports.done,
            failedPort: result.ports.failed,
            output: { ...result.output, effect: result.effect, error: `no result from the effect within ${result.timeout?.for ?? EFFECT_TIMEOUT}` },
          },
        })
      }
      case 'exit': {
        record({ outcome: 'exit', port: null, output: result.reason ? { reason: result.reason } : undefined })
        return settle('exited', { exitReason: result.reason ?? `exit node ${nodeId}` })
      }
      default: {
        const message = `node returned an unknown result ${JSON.stringify(result)}`
        record({ outcome: 'error', port: null, error: message })
        return settle('failed', { error: message })
      }
    }
  }
  // Out of budget without waiting: still running; the caller schedules a continuation.
  return settle('running')
}
