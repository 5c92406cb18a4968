import { formatLocalDate, localDateAt, utcOffsetMs } from '@kairos/sdk'

/** An instant as the clock in `timeZone` shows it, ISO 8601 with the offset: `2027-03-01T14:00:00+08:00`. */
export function localIso(instant: Date, timeZone: string): string {
  const offset = utcOffsetMs(instant, timeZone)
  const wall = new Date(instant.getTime() + offset).toISOString().slice(0, 19)
  const minutes = Math.round(Math.abs(offset) / 60_000)
  const sign = offset < 0 ? '-' : '+'
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** The calendar day (YYYY-MM-DD) `timeZone` shows at `instant`. */
export function localDay(instant: Date, timeZone: string): string {
  return formatLocalDate(localDateAt(instant, timeZone))
}
