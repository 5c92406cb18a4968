import type { IncomingEvent, IngestResult } from './ingest-events.ts'
import { isDatabaseUnavailable } from '../db/retry.ts'

/** How requests are gathered into transactions. */
export interface GroupCommitOptions {
  /** Transactions in flight at once; requests arriving meanwhile wait for the next one (default 2). */
  maxInFlight?: number
  /** Events per transaction: groups are taken whole, in arrival order, until this is reached (default 1000). */
  maxEvents?: number
}

interface Pending {
  events: IncomingEvent[]
  resolve(result: IngestResult): void
  reject(error: unknown): void
}

/**
 * Group commit for event ingestion. Webhooks post one event per request, and
 * a transaction per request makes Postgres' commit (a WAL flush) and the
 * round trips the cost of every event. Here each request's events wait for
 * the next transaction; a transaction starts at once when fewer than
 * `maxInFlight` are running (so a lone request waits for nothing), and takes
 * every request gathered while the others ran. Each request is answered with
 * its own result when that transaction commits: a 2xx still means its events
 * and runs are stored.
 *
 * A transaction that fails is split in halves and each half tried again, in
 * order, down to the single request, which then fails alone with its own
 * error: one bad event costs its neighbours a retry, never their answer.
 * Halves run one after the other, so two events of one contact still apply
 * in arrival order. Postgres being unreachable is nobody's fault and would
 * fail every half too: all the requests get that error at once.
 */
export class GroupCommit {
  readonly #ingest: (groups: IncomingEvent[][]) => Promise<IngestResult[]>
  readonly #maxInFlight: number
  readonly #maxEvents: number
  #queue: Pending[] = []
  #inFlight = 0
  #scheduled = false

  constructor(ingest: (groups: IncomingEvent[][]) => Promise<IngestResult[]>, options: GroupCommitOptions = {}) {
    this.#ingest = ingest
    this.#maxInFlight = options.maxInFlight ?? 2
    this.#maxEvents = options.maxEvents ?? 1000
  }

  /** Ingests `events` (one request's batch, applied atomically) in the next transaction; resolves once it commits. */
  submit(events: IncomingEvent[]): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ events, resolve, reject })
      this.#schedule()
    })
  }

  /** Requests waiting for a transaction (for tests and metrics). */
  get waiting(): number {
    return this.#queue.length
  }

  // After the current I/O callbacks, so the requests parsed in the same turn of the event loop go together.
  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.#maxInFlight || this.#queue.length === 0) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      while (this.#inFlight < this.#maxInFlight && this.#queue.length > 0) void this.#flush(this.#take())
    })
  }

  #take(): Pending[] {
    let events = 0
    let count = 0
    while (count < this.#queue.length && (count === 0 || events + this.#queue[count].events.length <= this.#maxEvents))
      events += this.#queue[count++].events.length
    return this.#queue.splice(0, count)
  }

  async #flush(batch: Pending[]): Promise<void> {
    this.#inFlight++
    try {
      await this.#commit(batch)
    } finally {
      this.#inFlight--
      this.#schedule()
    }
  }

  async #commit(batch: Pending[]): Promise<void> {
    let results: IngestResult[]
    try {
      results = await this.#ingest(batch.map((p) => p.events))
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) return batch.forEach((p) => p.reject(error))
      const half = Math.ceil(batch.length / 2)
      await this.#commit(batch.slice(0, half))
      await this.#commit(batch.slice(half))
      return
    }
    batch.forEach((pending, i) => pending.resolve(results[i]))
  }
}
