// Times in the simulation's lists: the instant in UTC and on the contact's own clock, both
// 24-hour and dated the way the editor's language writes dates.
import { locale } from '../../i18n/index.ts'

function format(iso: string, timeZone: string, withZone: boolean): string {
  return new Intl.DateTimeFormat(locale.value, {
    hour12: false, month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone, ...(withZone ? { timeZoneName: 'short' as const } : {}),
  }).format(new Date(iso))
}

/** "Mon, Mar 1, 06:00 UTC". */
export function utcTime(iso: string): string {
  return format(iso, 'UTC', true)
}

/** The same instant on the contact's clock: "Mon, Mar 1, 14:00 GMT+8"; their zone when it is not a known one falls back to UTC. */
export function localTime(iso: string, timeZone: string): string {
  try {
    return format(iso, timeZone, true)
  } catch {
    return utcTime(iso)
  }
}
