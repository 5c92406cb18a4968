import { Type, type Static } from 'typebox'

/** A wall-clock time, "HH:MM" on a 24-hour clock; the editor draws a time picker for it. */
export const TimeOfDay = Type.String({ format: 'kairos-time-of-day', description: 'Time of day, HH:MM (24-hour)' })
export type TimeOfDay = Static<typeof TimeOfDay>

/** A time of day taken apart. */
export interface ClockTime {
  hour: number
  minute: number
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** True for "HH:MM" from 00:00 to 23:59 (the `kairos-time-of-day` format). */
export function isTimeOfDay(text: unknown): text is string {
  return typeof text === 'string' && TIME.test(text)
}

/** "14:05" → `{ hour: 14, minute: 5 }`; throws on anything else, "24:00" included. */
export function parseTimeOfDay(text: string): ClockTime {
  const match = TIME.exec(text)
  if (!match) throw new Error(`"${text}" is not a time of day (use HH:MM, 00:00 to 23:59)`)
  return { hour: Number(match[1]), minute: Number(match[2]) }
}
