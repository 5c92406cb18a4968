import { addDays, formatLocalDate, weekdayOf, type LocalDate, type Weekday } from './local-date.ts'
import { parseTimeOfDay, type ClockTime } from './time-of-day.ts'

/**
 * Wall-clock arithmetic in IANA time zones with nothing but `Intl`: what a
 * clock in a zone shows at an instant, and which instant shows a given local
 * date and time. Waits, schedules and date triggers all go through here so
 * they agree on DST: a local time that does not exist (spring forward) moves
 * to the first instant after the gap; one that happens twice (fall back) is
 * the earlier of the two.
 */

/** What a wall clock and calendar in some zone show at an instant. */
export interface ZonedParts extends LocalDate {
  hour: number
  minute: number
  second: number
  weekday: Weekday
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const formatters = new Map<string, Intl.DateTimeFormat>()

// One formatter per zone: building one costs far more than formatting with it.
// Invalid names throw before anything is cached, so the map holds real zones only.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/**
 * True for a time zone `Intl` knows: IANA names (`Asia/Shanghai`, any case),
 * `UTC`, and fixed offsets such as `+08:00`. Contact attributes are free text,
 * so nodes check with this before trusting one.
 */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name.trim() === '') return false
  try {
    formatterFor(name)
    return true
  } catch {
    return false
  }
}

/** What the clock and calendar in `timeZone` show at `instant`. Throws on an unknown zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant))
    if (part.type !== 'literal') fields[part.type] = Number(part.value)
  const date = { year: fields.year, month: fields.month, day: fields.day }
  return { ...date, hour: fields.hour, minute: fields.minute, second: fields.second, weekday: weekdayOf(date) }
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. */
function wallMs(parts: LocalDate & { hour: number; minute: number; second: number }): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0)
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day)
  date.setUTCHours(parts.hour, parts.minute, parts.second, 0)
  return date.getTime()
}

/** How far `timeZone`'s clocks are ahead of UTC at `instant`, in milliseconds (+8h for Shanghai). */
export function utcOffsetMs(instant: Date, timeZone: string): number {
  // Intl shows whole seconds: compare against the instant truncated the same way.
  const seconds = Math.floor(instant.getTime() / 1000) * 1000
  return wallMs(zonedParts(new Date(seconds), timeZone)) - seconds
}

/**
 * The instant at which the clock in `timeZone` shows `time` ("HH:MM") on
 * `date`. In a spring-forward gap (Berlin 2026-03-29 02:30) it is the first
 * instant after the gap (03:00 CEST); in a fall-back overlap (Berlin
 * 2026-10-25 02:30) the earlier of the two (02:30 CEST). Throws on an
 * unknown zone or a malformed time.
 */
export function instantAt(date: LocalDate, time: string | ClockTime, timeZone: string): Date {
  const { hour, minute } = typeof time === 'string' ? parseTimeOfDay(time) : time
  const wall = wallMs({ ...date, hour, minute, second: 0 })
  // The answer lies within a day of `wall`; assuming at most one offset change
  // in that window, the offsets either side of it are the only candidates.
  const before = utcOffsetMs(new Date(wall - DAY_MS), timeZone)
  const after = utcOffsetMs(new Date(wall + DAY_MS), timeZone)
  const candidates = [...new Set([before, utcOffsetMs(new Date(wall), timeZone), after])]
    .map((offset) => wall - offset)
    .filter((instant) => wallMs(zonedParts(new Date(instant), timeZone)) === wall)
  if (candidates.length > 0) return new Date(Math.min(...candidates))
  if (after <= before) throw new Error(`no instant shows ${formatLocalDate(date)} ${hour}:${minute} in ${timeZone}`)
  return new Date(gapEnd(wall - after, wall - before, before, timeZone))
}

/**
 * The instant clocks jumped forward, found by bisection over whole seconds:
 * `low` still has the old offset, `high` already the new one.
 */
function gapEnd(low: number, high: number, oldOffset: number, timeZone: string): number {
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000
    if (utcOffsetMs(new Date(middle), timeZone) === oldOffset) low = middle
    else high = middle
  }
  return high
}

/** The calendar date `timeZone` shows at `instant`. */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = zonedParts(instant, timeZone)
  return { year, month, day }
}

/**
 * The first instant at or after `from` at which the clock in `timeZone` shows
 * `time`, on one of `days` when given (every day when absent or empty). Each
 * local date has exactly one such instant (see `instantAt` for DST), so a
 * schedule never fires twice on the day clocks go back.
 */
export function nextTimeOfDay(from: Date, time: string | ClockTime, timeZone: string, days?: readonly Weekday[]): Date {
  const start = localDateAt(from, timeZone)
  // A week and a day covers "today's time has passed and only today's weekday is allowed".
  for (let offset = 0; offset <= 7; offset++) {
    const date = addDays(start, offset)
    if (days && days.length > 0 && !days.includes(weekdayOf(date))) continue
    const instant = instantAt(date, time, timeZone)
    if (instant.getTime() >= from.getTime()) return instant
  }
  throw new Error(`no ${time} on ${days?.join(', ')} in ${timeZone} within a week`)
}
