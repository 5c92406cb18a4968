import { instantAt, isHoliday, isWorkday, localDateAt, nextDateWhere, formatLocalDate, type LocalDate, type WorkdayCalendar } from '@kairos/sdk'
import type { HolidayPolicy } from './holiday-policy.ts'
import type { PolicyRule } from './policy-rule.ts'

/** The holiday policy with its calendar loaded (null: the calendar is gone, and the policy holds nothing back). */
export interface ActiveHolidays {
  calendar: WorkdayCalendar
  avoid: NonNullable<HolidayPolicy['avoid']>
}

/** True when `date` is a day the policy keeps marketing messages off. */
function isDayOff(holidays: ActiveHolidays, date: LocalDate): boolean {
  return holidays.avoid === 'holidays' ? isHoliday(holidays.calendar, date) : !isWorkday(holidays.calendar, date)
}

/**
 * `instant` itself when its date on the clock of `timeZone` is allowed, else
 * the start (00:00, or the first instant after a DST gap) of the next allowed
 * date, with the rule that moved it: `holiday calendar cn-mainland: 国庆节
 * (Asia/Shanghai)`, naming the first day skipped (a weekend reads `weekend`).
 */
export function endOfDaysOff(instant: Date, holidays: ActiveHolidays | null, timeZone: string): { at: Date; rule: string | null; reason?: PolicyRule } {
  if (!holidays) return { at: instant, rule: null }
  const today = localDateAt(instant, timeZone)
  if (!isDayOff(holidays, today)) return { at: instant, rule: null }
  const next = nextDateWhere(today, (date) => !isDayOff(holidays, date))
  const name = holidays.calendar.holidays.get(formatLocalDate(today)) ?? null
  const rule = `holiday calendar ${holidays.calendar.name}: ${name ?? 'weekend'} (${timeZone})`
  // A year of days off in a row is no real calendar; then the message keeps its time rather than vanish.
  if (!next) return { at: instant, rule: null }
  const reason: PolicyRule = { kind: 'holiday', params: { calendar: holidays.calendar.name, date: formatLocalDate(today), name, nextWorkday: formatLocalDate(next), timeZone } }
  return { at: instantAt(next, '00:00', timeZone), rule, reason }
}
