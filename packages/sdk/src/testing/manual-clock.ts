import type { Clock } from '../clock.ts'
import { parseDuration } from '../duration.ts'

/** A clock that moves only when told to: `advance('3d')`, `set(date)`. */
export class ManualClock implements Clock {
  #now: number

  constructor(start: Date | string = '2026-01-05T08:00:00Z') {
    this.#now = new Date(start).getTime()
  }

  now(): Date {
    return new Date(this.#now)
  }

  advance(by: string | number): Date {
    this.#now += typeof by === 'number' ? by : parseDuration(by)
    return this.now()
  }

  set(to: Date | string): Date {
    this.#now = new Date(to).getTime()
    return this.now()
  }
}
