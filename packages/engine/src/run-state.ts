import type { EventSnapshot, Where } from '@kairos/sdk'

export type RunStatus = 'running' | 'waiting' | 'completed' | 'exited' | 'failed' | 'cancelled'

/** What a waiting run is waiting for, kept on the run until it resumes. */
export interface WaitState {
  /** The port to take when the time comes (a plain wait) or the timeout fires. */
  timeoutPort: string
  /** For a wait for an event: which event, and the port to take when it arrives. */
  event?: string
  where?: Where
  receivedPort?: string
  /** Choose the received port by an event property (value → port). */
  portBy?: { property: string; ports: Record<string, string> }
  output?: Record<string, unknown>
  /** For a wait for a delivery: which one, and the ports for its two outcomes. */
  delivery?: string
  sentPort?: string
  failedPort?: string
  /** Where a delivery a policy stopped when it came due leads (the failed port when absent). */
  suppressedPort?: string
  /** For a wait for an effect: which one, and the port it leaves through when the effect is done (`failedPort` otherwise). */
  effect?: string
  donePort?: string
  /** Set when the awaited event arrived, or the delivery or effect settled: the run leaves through this instead of the timeout. */
  resume?: Resume
}

/** How a waiting run is being woken: by its time, or by an event it waited for. */
export interface Resume {
  port: string
  output?: Record<string, unknown>
}

/** One contact's journey through one flow version, as the interpreter sees it. */
export interface RunState {
  id: string
  flowId: string
  flowVersion: number
  contactId: string
  status: RunStatus
  nodeId: string
  nodeEnteredAt: Date
  /** Bumped by every transition; a job acts only when its seq still matches. */
  seq: number
  enteredAt: Date
  trigger?: EventSnapshot
  wait?: WaitState | null
}

/** One line of a run's trace: a node the run passed through and how it left. */
export interface StepRecord {
  nodeId: string
  nodeType: string
  nodeVersion: number
  seq: number
  enteredAt: Date
  leftAt: Date
  outcome: 'port' | 'exit' | 'error'
  port: string | null
  output?: Record<string, unknown>
  error?: string
}
