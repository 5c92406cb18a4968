import { Kysely, PostgresDialect } from 'kysely'
import type pg from 'pg'
import type { Database } from '../db/database.ts'
import { loadFlowCountersAt, seenIn } from './flow-counters.ts'
import { addCounters, LIVE_CHANNEL, type FlowCounters } from './live-deltas.ts'

/** What a subscriber receives: the flow's whole counters, at most every `flushMs`. */
export interface StatsMessage extends FlowCounters {
  type: 'stats'
  flowId: string
  at: string
  /** The earliest commit time (ms since epoch) among the changes in this message, for latency figures. */
  committedAt?: number
}

type Listener = (message: StatsMessage) => void
/** A change as notified: counters of one transaction, its commit time and transaction id (older processes send none). */
type Delta = Partial<FlowCounters> & { flowId: string; at: number; xid?: string }

interface FlowState {
  listeners: Set<Listener>
  counters?: FlowCounters
  /** The database snapshot the counters were read in: changes it already saw are not added again. */
  snapshot?: string
  /** Changes that arrived while the snapshot was loading. */
  pending: Delta[]
  dirty: boolean
  committedAt?: number
}

/**
 * Fans counter changes out to websocket clients. One connection per API
 * process LISTENs on `kairos_live` (workers anywhere notify on commit); each
 * flow with subscribers keeps its counters in memory, starting from a
 * snapshot read on that same connection, and subscribers get the whole
 * counters at most every `flushMs`, however many steps commit in between.
 */
export class LiveHub {
  readonly #pool: pg.Pool
  readonly #flushMs: number
  readonly #flows = new Map<string, FlowState>()
  #client: pg.PoolClient | undefined
  #db: Kysely<Database> | undefined
  #timer: NodeJS.Timeout | undefined
  #stopped = false
  #connecting: Promise<void> | undefined

  constructor(pool: pg.Pool, options: { flushMs?: number } = {}) {
    this.#pool = pool
    this.#flushMs = options.flushMs ?? 250
  }

  /** Subscribes to a flow's counters; the first message (the snapshot) follows at once. Returns the unsubscribe. */
  async subscribe(flowId: string, listener: Listener): Promise<() => void> {
    await this.#connect()
    let state = this.#flows.get(flowId)
    if (!state) {
      this.#flows.set(flowId, (state = { listeners: new Set(), pending: [], dirty: false }))
      state.listeners.add(listener)
      try {
        await this.#snapshot(flowId, state)
      } catch (error) {
        this.#flows.delete(flowId)
        throw error
      }
    } else {
      state.listeners.add(listener)
      if (state.counters) listener(this.#message(flowId, state.counters))
    }
    return () => {
      state.listeners.delete(listener)
      if (state.listeners.size === 0) this.#flows.delete(flowId)
    }
  }

  /** How many listeners follow `flowId` (0 when none), for tests and metrics. */
  listenerCount(flowId: string): number {
    return this.#flows.get(flowId)?.listeners.size ?? 0
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    const client = this.#client
    this.#client = undefined
    // Destroyed rather than returned to the pool: its LISTEN ends with the connection, so no
    // UNLISTEN is sent (one that failed on a connection already gone had nothing to report).
    client?.release(true)
  }

  #connect(): Promise<void> {
    if (this.#client || this.#stopped) return Promise.resolve()
    this.#connecting ??= (async () => {
      const client = await this.#pool.connect()
      client.on('notification', (message) => this.#receive(message.payload))
      client.on('error', () => this.#reconnect())
      await client.query(`listen ${LIVE_CHANNEL}`)
      this.#client = client
      // Queries on the listening connection go through kysely too, over this one client, which
      // kysely must not hand back to the pool after each query (release is a no-op here).
      const borrowed = { query: client.query.bind(client), release: () => {} }
      const single = { connect: async () => borrowed, end: async () => {} } as unknown as pg.Pool
      this.#db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) })
      this.#timer = setInterval(() => this.#flush(), this.#flushMs)
      this.#timer.unref()
    })().finally(() => (this.#connecting = undefined))
    return this.#connecting
  }

  /** After a lost connection: listen again and re-read every subscribed flow (changes may have been missed). */
  #reconnect(): void {
    const old = this.#client
    this.#client = undefined
    clearInterval(this.#timer)
    try {
      old?.release(true)
    } catch {
      // Already handed back (the pool is closing): nothing to release.
    }
    if (this.#stopped) return
    setTimeout(async () => {
      try {
        await this.#connect()
        for (const [flowId, state] of this.#flows) await this.#snapshot(flowId, state)
      } catch {
        this.#reconnect()
      }
    }, 1000).unref()
  }

  async #snapshot(flowId: string, state: FlowState): Promise<void> {
    state.counters = undefined
    state.pending = []
    const { counters, snapshot } = await loadFlowCountersAt(this.#db!, flowId)
    state.snapshot = snapshot
    // Changes delivered while it loaded: those the snapshot did not see are added now.
    for (const delta of state.pending) if (!this.#seen(state, delta)) addCounters(counters, delta)
    state.pending = []
    state.counters = counters
    for (const listener of state.listeners) listener(this.#message(flowId, counters))
  }

  #receive(payload: string | undefined): void {
    if (!payload) return
    let delta: Delta
    try {
      delta = JSON.parse(payload)
    } catch {
      return
    }
    const state = this.#flows.get(delta.flowId)
    if (!state) return
    if (!state.counters) {
      state.pending.push(delta)
      return
    }
    // Its commit was already in the snapshot (its notification came after the statement that read it).
    if (this.#seen(state, delta)) return
    addCounters(state.counters, delta)
    state.dirty = true
    state.committedAt = Math.min(state.committedAt ?? Infinity, delta.at)
  }

  #seen(state: FlowState, delta: Delta): boolean {
    return delta.xid !== undefined && state.snapshot !== undefined && seenIn(state.snapshot, delta.xid)
  }

  #flush(): void {
    for (const [flowId, state] of this.#flows) {
      if (!state.dirty || !state.counters) continue
      const message = this.#message(flowId, state.counters, state.committedAt)
      state.dirty = false
      state.committedAt = undefined
      for (const listener of state.listeners) listener(message)
    }
  }

  #message(flowId: string, counters: FlowCounters, committedAt?: number): StatsMessage {
    return { type: 'stats', flowId, at: new Date().toISOString(), committedAt, nodes: counters.nodes, edges: counters.edges }
  }
}
