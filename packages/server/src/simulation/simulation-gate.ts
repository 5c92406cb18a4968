import { KairosError } from '../errors.ts'

/**
 * How many simulations this process runs at once, and how many may wait for
 * a turn. Each holds one pooled connection in a transaction for seconds; a
 * burst of them must not take the pool from the API and the worker.
 * Defaults: one at a time, three waiting; a request beyond is refused (429).
 */
export class SimulationGate {
  readonly #running: number
  readonly #waiting: number
  #active = 0
  readonly #queue: Array<() => void> = []

  constructor(running = 1, waiting = 3) {
    this.#running = running
    this.#waiting = waiting
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#running) {
      if (this.#queue.length >= this.#waiting)
        throw new KairosError('KAIROS_RATE_LIMITED', `${this.#active + this.#queue.length} simulations are running or waiting in this process; try again in a few seconds`)
      await new Promise<void>((resolve) => this.#queue.push(resolve))
    } else this.#active++
    try {
      return await work()
    } finally {
      // The turn passes straight to the next in line, so #active counts it without a gap.
      const next = this.#queue.shift()
      if (next) next()
      else this.#active--
    }
  }
}
