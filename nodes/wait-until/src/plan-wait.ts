import {
  addDays,
  goTo,
  instantAt,
  isWorkday,
  localDateAt,
  localDateOf,
  nextTimeOfDay,
  parseDayOffset,
  readPath,
  waitUntil,
  type ContactSnapshot,
  type NodeResult,
  type WorkdayCalendar,
} from '@kairos/sdk'
import type { WaitUntilConfig } from './config.ts'

const MINUTE_MS = 60_000

/**
 * Go now when `now` is within the target's minute (a run that arrives at
 * 14:00:30 for "14:00" is on time), wait when the target is ahead, else null:
 * the target is past and the caller decides what late means.
 */
function onTimeOrWait(target: Date, now: Date, output: Record<string, unknown>): NodeResult | null {
  if (now.getTime() < target.getTime()) return { ...waitUntil(target, 'next'), output }
  if (now.getTime() < target.getTime() + MINUTE_MS) return goTo('next', output)
  return null
}

/** The next time the clock in `timezone` shows `at` (on one of `days`): never late, at worst a week away. */
export function waitForTimeOfDay(config: WaitUntilConfig, timezone: string, now: Date): NodeResult {
  // Searching from the start of the current minute makes "now is exactly that minute" count as now.
  const minuteStart = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS)
  const target = nextTimeOfDay(minuteStart, config.at, timezone, config.days)
  return onTimeOrWait(target, now, { target: target.toISOString(), timezone })!
}

/**
 * The next `at` on a workday of `calendar` (holidays skipped, make-up workdays
 * included, else Monday to Friday; no calendar means Monday to Friday). Looks
 * a year ahead, which no run of days off comes near.
 */
export function waitForWorkday(config: WaitUntilConfig, timezone: string, now: Date, calendar: WorkdayCalendar | null): NodeResult {
  const minuteStart = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS)
  let target = nextTimeOfDay(minuteStart, config.at, timezone)
  for (let day = 0; day < 366 && !isWorkday(calendar, localDateAt(target, timezone)); day++)
    target = nextTimeOfDay(new Date(target.getTime() + MINUTE_MS), config.at, timezone)
  return onTimeOrWait(target, now, { target: target.toISOString(), timezone, calendar: calendar?.name ?? null })!
}

/**
 * `at` on the attribute's local date plus the offset. A missing or unreadable
 * date, or a target already past, goes through `late` when the node has that
 * port and on through `next` otherwise, saying why in the output.
 */
export function waitForDate(
  config: WaitUntilConfig & { date: NonNullable<WaitUntilConfig['date']> },
  contact: ContactSnapshot,
  timezone: string,
  now: Date,
): NodeResult {
  const latePort = config.late === 'late' ? 'late' : 'next'
  const { attribute, offset = '0d' } = config.date
  const value = readPath(contact.attributes, attribute)
  const date = localDateOf(value, timezone)
  if (!date) {
    const reason = value === undefined || value === null || value === '' ? `contact has no ${attribute}` : `${attribute} is not a date: ${JSON.stringify(value)}`
    return goTo(latePort, { reason, timezone })
  }
  const target = instantAt(addDays(date, parseDayOffset(offset)), config.at, timezone)
  const output = { target: target.toISOString(), timezone }
  return onTimeOrWait(target, now, output) ?? goTo(latePort, { ...output, late: true })
}
