import { isDatabaseUnavailable } from './retry.ts'

/** How work is gathered into transactions. */
export interface GroupCommitOptions<T> {
  /** Transactions in flight at once; work arriving meanwhile waits for the next one (default 2). */
  maxInFlight?: number
  /** Size per transaction (by `sizeOf`): items are taken whole, in arrival order, until this is reached. */
  maxSize: number
  sizeOf(item: T): number
}

interface Pending<T, R> {
  item: T
  resolve(result: R): void
  reject(error: unknown): void
}

/**
 * Group commit: many callers' work in one transaction. A transaction per
 * webhook request, or per small job, makes the round trips and Postgres'
 * commit (a WAL flush) the cost of every item. Here each item waits for the
 * next transaction; a transaction starts at once when fewer than
 * `maxInFlight` are running (so a lone item waits for nothing), and takes
 * every item gathered while the others ran. Each caller is answered with its
 * own result when that transaction commits.
 *
 * A transaction that fails is split in halves and each half tried again, in
 * order, down to the single item, which then fails alone with its own error:
 * one bad item costs its neighbours a retry, never their answer. Halves run
 * one after the other, so work on one contact still applies in arrival
 * order. Postgres being unreachable is nobody's fault and would fail every
 * half too: all the items get that error at once.
 */
export class GroupCommit<T, R> {
  readonly #commit: (items: T[]) => Promise<R[]>
  readonly #maxInFlight: number
  readonly #maxSize: number
  readonly #sizeOf: (item: T) => number
  #queue: Array<Pending<T, R>> = []
  #inFlight = 0
  #scheduled = false

  constructor(commit: (items: T[]) => Promise<R[]>, options: GroupCommitOptions<T>) {
    this.#commit = commit
    this.#maxInFlight = options.maxInFlight ?? 2
    this.#maxSize = options.maxSize
    this.#sizeOf = options.sizeOf
  }

  /** Does `item` in the next transaction; resolves with its own result once that commits. */
  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject })
      this.#schedule()
    })
  }

  // After the current I/O callbacks, so the work that arrived in the same turn of the event loop goes together.
  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.#maxInFlight || this.#queue.length === 0) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      while (this.#inFlight < this.#maxInFlight && this.#queue.length > 0) void this.#flush(this.#take())
    })
  }

  #take(): Array<Pending<T, R>> {
    let size = 0
    let count = 0
    while (count < this.#queue.length && (count === 0 || size + this.#sizeOf(this.#queue[count].item) <= this.#maxSize))
      size += this.#sizeOf(this.#queue[count++].item)
    return this.#queue.splice(0, count)
  }

  async #flush(batch: Array<Pending<T, R>>): Promise<void> {
    this.#inFlight++
    try {
      await this.#attempt(batch)
    } finally {
      this.#inFlight--
      this.#schedule()
    }
  }

  async #attempt(batch: Array<Pending<T, R>>): Promise<void> {
    let results: R[]
    try {
      results = await this.#commit(batch.map((p) => p.item))
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) return batch.forEach((p) => p.reject(error))
      const half = Math.ceil(batch.length / 2)
      await this.#attempt(batch.slice(0, half))
      await this.#attempt(batch.slice(half))
      return
    }
    batch.forEach((pending, i) => pending.resolve(results[i]))
  }
}
