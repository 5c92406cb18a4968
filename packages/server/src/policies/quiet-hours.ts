import type { QuietHours } from '@kairos/engine'
import { nextTimeOfDay, parseTimeOfDay, zonedParts } from '@kairos/sdk'

const minutes = (text: string) => {
  const { hour, minute } = parseTimeOfDay(text)
  return hour * 60 + minute
}

/**
 * True when `instant` falls inside quiet hours on the clock of `timeZone`.
 * `from` is inside, `to` is not; a range with `from` after `to` spans
 * midnight (21:00–09:00); `from` equal to `to` is no quiet hours at all.
 */
export function isQuiet(instant: Date, quiet: QuietHours, timeZone: string): boolean {
  const from = minutes(quiet.from)
  const to = minutes(quiet.to)
  if (from === to) return false
  const { hour, minute } = zonedParts(instant, timeZone)
  const now = hour * 60 + minute
  return from < to ? now >= from && now < to : now >= from || now < to
}

/**
 * The first instant at or after `instant` outside quiet hours: `instant`
 * itself, or the next time the clock of `timeZone` shows `to` (23:00 with
 * 21:00–09:00 → 09:00 the next morning). DST is handled as `nextTimeOfDay`
 * does: a `to` that does not exist that day is the first instant after the gap.
 */
export function endOfQuietHours(instant: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet || !isQuiet(instant, quiet, timeZone)) return instant
  return nextTimeOfDay(instant, quiet.to, timeZone)
}

/** How a quiet-hours deferral is named on the step and the delivery. */
export const quietRule = (quiet: QuietHours, timeZone: string) => `quiet hours ${quiet.from}-${quiet.to} (${timeZone})`
