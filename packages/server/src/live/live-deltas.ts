import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { countTransition } from '../metrics/process-metrics.ts'

/**
 * Counters of one node: runs that entered it, wait there now, went on from it (or ended at it
 * by design, an exit node), left the journey there early (an exit event, a cancel), failed in it.
 */
export interface NodeCounters {
  entered: number
  waiting: number
  completed: number
  exited: number
  failed: number
}

/** Why a run left the journey at a step that is not the end it was drawn to: the output key its step carries. */
export type EarlyExit = 'exitOn' | 'cancelled'

/** A step a transition wrote, as the counters see it. */
export interface CountedStep {
  nodeId: string
  outcome: string
  port: string | null
  nodeType?: string
  /** Set when the run left early here (an exitOn event, a cancel): counted as exited, not done. */
  left?: EarlyExit
}

/** Zeroed counters of a node. */
export const noCounters = (): NodeCounters => ({ entered: 0, waiting: 0, completed: 0, exited: 0, failed: 0 })

/** Live counters of a flow, as the editor shows them. Edge keys are `source:port`. */
export interface FlowCounters {
  nodes: Record<string, NodeCounters>
  edges: Record<string, number>
}

/** The pg_notify channel that carries counter changes from workers to API processes. */
export const LIVE_CHANNEL = 'kairos_live'
/** Postgres refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7000

/** Where a run stands: a node and a status. */
export interface Position {
  nodeId: string
  status: string
}

const ACTIVE = new Set(['running', 'waiting'])

/**
 * The counter changes one transaction makes, per flow, sent with
 * `pg_notify` inside that transaction so they arrive exactly when it commits
 * (and never if it rolls back). Definitions: entered = steps taken at the node
 * + runs there now; waiting = runs waiting there now; completed = steps that
 * left it through a port or at an exit node; exited = steps where the run left early
 * (an exitOn event, a cancel); failed = steps that ended in an error.
 */
export class LiveDeltas {
  readonly #flows = new Map<string, FlowCounters>()

  #node(flowId: string, nodeId: string): NodeCounters {
    let flow = this.#flows.get(flowId)
    if (!flow) this.#flows.set(flowId, (flow = { nodes: {}, edges: {} }))
    return (flow.nodes[nodeId] ??= noCounters())
  }

  /**
   * A run moved from `before` (null for a new run) to `after`, writing `steps` on the way.
   * The same move is counted for /metrics (runs started and ended, steps by node type) when the transaction commits.
   */
  transition(flowId: string, before: Position | null, after: Position, steps: CountedStep[]): void {
    countTransition(flowId, before, after, steps)
    for (const step of steps) {
      const node = this.#node(flowId, step.nodeId)
      node.entered += 1
      if (step.outcome === 'error') node.failed += 1
      else if (step.left) node.exited += 1
      else node.completed += 1
      if (step.port) {
        const edges = this.#flows.get(flowId)!.edges
        const key = `${step.nodeId}:${step.port}`
        edges[key] = (edges[key] ?? 0) + 1
      }
    }
    if (before && ACTIVE.has(before.status)) {
      const node = this.#node(flowId, before.nodeId)
      node.entered -= 1
      if (before.status === 'waiting') node.waiting -= 1
    }
    if (ACTIVE.has(after.status)) {
      const node = this.#node(flowId, after.nodeId)
      node.entered += 1
      if (after.status === 'waiting') node.waiting += 1
    }
  }

  get empty(): boolean {
    return this.#flows.size === 0
  }

  /**
   * Sends the changes on LIVE_CHANNEL, split so each payload stays under Postgres' limit. Each
   * carries the transaction's id (`xid`), so a hub whose snapshot already saw this commit skips it.
   */
  async notify(trx: Db): Promise<void> {
    if (this.empty) return
    const at = Date.now()
    const payloads: string[] = []
    for (const [flowId, counters] of this.#flows) {
      const whole = JSON.stringify({ flowId, at, ...counters })
      if (whole.length < MAX_PAYLOAD) {
        payloads.push(whole)
        continue
      }
      for (const [nodeId, node] of Object.entries(counters.nodes)) payloads.push(JSON.stringify({ flowId, at, nodes: { [nodeId]: node }, edges: {} }))
      for (const [edge, count] of Object.entries(counters.edges)) payloads.push(JSON.stringify({ flowId, at, nodes: {}, edges: { [edge]: count } }))
    }
    await sql`select pg_notify(${LIVE_CHANNEL}, (payload::jsonb || jsonb_build_object('xid', pg_current_xact_id()::text))::text)
      from unnest(${payloads}::text[]) as payload`.execute(trx)
  }
}

/** Adds `delta` into `into`, in place. */
export function addCounters(into: FlowCounters, delta: Partial<FlowCounters>): void {
  for (const [nodeId, node] of Object.entries(delta.nodes ?? {})) {
    const target = (into.nodes[nodeId] ??= noCounters())
    target.entered += node.entered
    target.waiting += node.waiting
    target.completed += node.completed
    // A delta from a process older than exited counters has none.
    target.exited += node.exited ?? 0
    target.failed += node.failed
  }
  for (const [edge, count] of Object.entries(delta.edges ?? {})) into.edges[edge] = (into.edges[edge] ?? 0) + count
}
