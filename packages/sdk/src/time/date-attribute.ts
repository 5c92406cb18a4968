import { isValidLocalDate, type LocalDate } from './local-date.ts'
import { localDateAt } from './zoned-time.ts'

// 2026-06-30, optionally followed by a time (T or space), optionally by a zone (Z, +08:00, +0800).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/i

/**
 * The calendar date a contact attribute names, as seen in `timeZone`.
 * `2026-06-30` is that date wherever the contact is. A date-time with a zone
 * (`2026-06-30T20:00:00Z`) is an instant, so its date is the one `timeZone`
 * shows then (already 1 July in Shanghai). A date-time without a zone is a
 * wall-clock reading: its own date. `Date` objects are instants. Anything
 * else, a date the calendar lacks included, is `null`.
 */
export function localDateOf(value: unknown, timeZone: string): LocalDate | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : localDateAt(value, timeZone)
  if (typeof value !== 'string') return null
  const match = ISO.exec(value.trim())
  if (!match) return null
  const [, year, month, day, hour, minute, second = '0', zone, sign, zoneHours, zoneMinutes] = match
  const date = { year: Number(year), month: Number(month), day: Number(day) }
  if (!isValidLocalDate(date)) return null
  if (zone === undefined) return date
  // Built from the parts rather than by Date's parser, which is lenient in ways that differ by form.
  const offsetMinutes = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes))
  const instant = new Date(0)
  instant.setUTCFullYear(date.year, date.month - 1, date.day)
  instant.setUTCHours(Number(hour), Number(minute) - offsetMinutes, Number(second), 0)
  return localDateAt(instant, timeZone)
}
