import { Type, type Static } from 'typebox'

/** A calendar date with no zone, as a wall calendar shows it. `month` is 1–12. */
export interface LocalDate {
  year: number
  month: number
  day: number
}

/** A day of the week as operators pick it: `mon` … `sun`. */
export const Weekday = Type.Union(
  [
    Type.Literal('mon'),
    Type.Literal('tue'),
    Type.Literal('wed'),
    Type.Literal('thu'),
    Type.Literal('fri'),
    Type.Literal('sat'),
    Type.Literal('sun'),
  ],
  { description: 'Day of the week' },
)
export type Weekday = Static<typeof Weekday>

/** The days of the week, Monday first (ISO order). */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

// Calendar arithmetic runs on UTC midnights, where every day is 24 hours long.
function utcMidnight(date: LocalDate): Date {
  const midnight = new Date(0)
  midnight.setUTCFullYear(date.year, date.month - 1, date.day)
  return midnight
}

/** The day of the week `date` falls on. */
export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[(utcMidnight(date).getUTCDay() + 6) % 7]
}

/** `date` moved by whole calendar days (negative goes back); months and leap years roll over. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = utcMidnight(date)
  moved.setUTCDate(moved.getUTCDate() + days)
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() }
}

/** True when `year`-`month`-`day` is a date the calendar has (no 30 February). */
export function isValidLocalDate(date: LocalDate): boolean {
  if (![date.year, date.month, date.day].every(Number.isInteger)) return false
  const back = addDays(date, 0)
  return back.year === date.year && back.month === date.month && back.day === date.day
}

/** `2026-06-30`: the ISO form, for outputs and logs. */
export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`
}
