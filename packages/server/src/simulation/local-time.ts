import { utcOffsetMs } from '@kairos/sdk'

// A simulation's answer shows every step's time on its contact's clock: tens of thousands of
// instants that share a few zones and far fewer minutes (a batch moves many runs at once), and each
// offset costs Intl formatting. Offsets change only at whole minutes, so one per zone and minute is kept.
const MEMO_LIMIT = 20_000
const offsets = new Map<string, number>()

function offsetAt(instant: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(instant.getTime() / 60_000)}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    if (offsets.size >= MEMO_LIMIT) offsets.clear()
    offsets.set(key, (offset = utcOffsetMs(instant, timeZone)))
  }
  return offset
}

/** An instant as the clock in `timeZone` shows it, ISO 8601 with the offset: `2027-03-01T14:00:00+08:00`. */
export function localIso(instant: Date, timeZone: string): string {
  const offset = offsetAt(instant, timeZone)
  const wall = new Date(instant.getTime() + offset).toISOString().slice(0, 19)
  const minutes = Math.round(Math.abs(offset) / 60_000)
  const sign = offset < 0 ? '-' : '+'
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** The calendar day (YYYY-MM-DD) `timeZone` shows at `instant`. */
export function localDay(instant: Date, timeZone: string): string {
  return localIso(instant, timeZone).slice(0, 10)
}
