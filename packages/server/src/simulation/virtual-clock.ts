import type { Clock } from '@kairos/sdk'

/**
 * The clock a journey simulation runs the engine on: it stands still until
 * the simulation moves it to the next moment something is due (a wait's
 * end, a scripted event, a schedule tick, a date moment), never backwards.
 */
export class VirtualClock implements Clock {
  #ms: number

  constructor(start: Date) {
    this.#ms = start.getTime()
  }

  now(): Date {
    return new Date(this.#ms)
  }

  get ms(): number {
    return this.#ms
  }

  moveTo(ms: number): void {
    if (ms < this.#ms) throw new Error(`a virtual clock does not go back (from ${new Date(this.#ms).toISOString()} to ${new Date(ms).toISOString()})`)
    this.#ms = ms
  }
}
