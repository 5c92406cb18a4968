import { addDays, formatLocalDate, weekdayOf, type LocalDate } from './local-date.ts'

/**
 * A holiday calendar as nodes and policies read it: local dates
 * (`YYYY-MM-DD`, no zone: each contact's own calendar day is looked up) that
 * are public holidays, and make-up workdays (调休: a Saturday or Sunday worked
 * to bridge a holiday). Both map the date to its label (`国庆节`, `国庆节调休`).
 */
export interface WorkdayCalendar {
  name: string
  /** The years the calendar covers; outside them only the weekend decides. */
  years: readonly number[]
  holidays: ReadonlyMap<string, string>
  workdays: ReadonlyMap<string, string>
}

/** True when `date` is a public holiday in `calendar` (false without one). */
export function isHoliday(calendar: WorkdayCalendar | null, date: LocalDate): boolean {
  return calendar?.holidays.has(formatLocalDate(date)) ?? false
}

/**
 * True when `date` is a working day: a make-up workday always is; a public
 * holiday never is; otherwise Monday to Friday are. Without a calendar (or
 * outside its years) this is Monday to Friday.
 */
export function isWorkday(calendar: WorkdayCalendar | null, date: LocalDate): boolean {
  const key = formatLocalDate(date)
  if (calendar?.workdays.has(key)) return true
  if (calendar?.holidays.has(key)) return false
  const weekday = weekdayOf(date)
  return weekday !== 'sat' && weekday !== 'sun'
}

/**
 * The first date at or after `from` that `allowed` accepts, looking at most
 * `limit` days ahead (a year: no calendar has a longer run of days off), else null.
 */
export function nextDateWhere(from: LocalDate, allowed: (date: LocalDate) => boolean, limit = 366): LocalDate | null {
  for (let offset = 0; offset <= limit; offset++) {
    const date = addDays(from, offset)
    if (allowed(date)) return date
  }
  return null
}
