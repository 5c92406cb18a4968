import { addDays, WEEKDAYS, weekdayOf, type LocalDate, type Weekday } from './local-date.ts'
import { parseTimeOfDay } from './time-of-day.ts'
import { instantAt, localDateAt } from './zoned-time.ts'

/**
 * Five-field cron (`minute hour day-of-month month day-of-week`), read as a
 * wall clock in a time zone. Fields take `*`, numbers, ranges `1-5`, steps
 * `*\/15` and `10-40/10`, lists `1,15`, month names `jan`…`dec` and weekday
 * names `sun`…`sat` (0 and 7 are both Sunday). As in Vixie cron, when both
 * day fields are restricted a day matching either one fires. Macros:
 * `@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`.
 *
 * Evaluated with `instantAt`, so DST follows the same rule as waits: a time in
 * a spring-forward gap fires at the end of the gap, one in a fall-back overlap
 * fires once, at the earlier instant.
 */
export interface CronSchedule {
  minutes: number[]
  hours: number[]
  days: Set<number>
  months: Set<number>
  weekdays: Set<number>
  /** Whether each day field was restricted (not `*`), for the Vixie either-day rule. */
  daysRestricted: boolean
  weekdaysRestricted: boolean
}

const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
}
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, base: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES, base: 0 },
] as const

/** Years searched for the next tick: long enough for `0 0 29 2 *` across a century's leap-year gap. */
const SEARCH_YEARS = 8

/** Parses a cron expression; throws with the field at fault ("day of week: 8 is outside 0-7"). */
export function parseCron(expression: string): CronSchedule {
  const text = expression.trim().toLowerCase()
  // Own keys only: "constructor" is not a macro (a plain lookup answered Object's own function).
  const parts = (Object.hasOwn(MACROS, text) ? MACROS[text] : text).split(/\s+/)
  if (parts.length !== 5) throw new Error(`a cron expression has 5 fields (minute hour day month weekday), not ${parts.length}`)
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]))
  const weekdays = new Set([...sets[4]].map((d) => d % 7))
  return {
    minutes: [...sets[0]].sort((a, b) => a - b),
    hours: [...sets[1]].sort((a, b) => a - b),
    days: sets[2],
    months: sets[3],
    weekdays,
    // As Vixie cron reads it: a day field starting with `*` (`*`, `*/2`) does not restrict by itself.
    daysRestricted: !parts[2].startsWith('*'),
    weekdaysRestricted: !parts[4].startsWith('*'),
  }
}

/** True when `expression` parses as cron. */
export function isCron(expression: unknown): expression is string {
  if (typeof expression !== 'string') return false
  try {
    parseCron(expression)
    return true
  } catch {
    return false
  }
}

/** "every day at 09:00" or "Mondays at 10:00" as cron: `at` with optional weekdays. */
export function cronForTimeOfDay(at: string, days?: readonly Weekday[]): string {
  const { hour, minute } = parseTimeOfDay(at)
  const weekdays = days && days.length > 0 ? days.map((d) => (WEEKDAYS.indexOf(d) + 1) % 7).join(',') : '*'
  return `${minute} ${hour} * * ${weekdays}`
}

/**
 * The first instant strictly after `after` at which the schedule fires in
 * `timeZone`, or null when it never does within eight years (`0 0 31 2 *`).
 */
export function nextCronTick(schedule: CronSchedule | string, after: Date, timeZone: string): Date | null {
  const cron = typeof schedule === 'string' ? parseCron(schedule) : schedule
  // Start a day early: the zone's date at `after` may be behind a tick that is still ahead.
  const start = addDays(localDateAt(after, timeZone), -1)
  for (let offset = 0; offset <= SEARCH_YEARS * 366; offset++) {
    const date = addDays(start, offset)
    if (!dayMatches(cron, date)) continue
    for (const hour of cron.hours)
      for (const minute of cron.minutes) {
        const instant = instantAt(date, { hour, minute }, timeZone)
        if (instant.getTime() > after.getTime()) return instant
      }
  }
  return null
}

function dayMatches(cron: CronSchedule, date: LocalDate): boolean {
  if (!cron.months.has(date.month)) return false
  const byDay = cron.days.has(date.day)
  const byWeekday = cron.weekdays.has((WEEKDAYS.indexOf(weekdayOf(date)) + 1) % 7)
  if (cron.daysRestricted && cron.weekdaysRestricted) return byDay || byWeekday
  return byDay && byWeekday
}

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>()
  const value = (token: string): number => {
    const named = 'names' in field ? (field.names as readonly string[]).indexOf(token) : -1
    const number = named >= 0 ? named + ('base' in field ? field.base : 0) : /^\d+$/.test(token) ? Number(token) : NaN
    if (Number.isNaN(number)) throw new Error(`${field.name}: "${token}" is not a number${'names' in field ? ' or name' : ''}`)
    if (number < field.min || number > field.max) throw new Error(`${field.name}: ${number} is outside ${field.min}-${field.max}`)
    return number
  }
  for (const item of text.split(',')) {
    const slashes = item.split('/')
    if (slashes.length > 2) throw new Error(`${field.name}: "${item}" has more than one step`)
    const [range, stepText] = slashes
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1 || !/^\d+$/.test(stepText ?? '1')) throw new Error(`${field.name}: step "${stepText}" must be a positive whole number`)
    let low: number
    let high: number
    if (range === '*') [low, high] = [field.min, field.max]
    else if (range.includes('-')) {
      const ends = range.split('-')
      if (ends.length !== 2) throw new Error(`${field.name}: "${range}" is not a range like 1-5`)
      const [from, to] = ends
      ;[low, high] = [value(from), value(to)]
      if (low > high) throw new Error(`${field.name}: range ${range} runs backwards`)
    } else {
      low = value(range)
      high = stepText === undefined ? low : field.max
    }
    for (let n = low; n <= high; n += step) values.add(n)
  }
  return values
}
