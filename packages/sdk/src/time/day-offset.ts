import { Type, type Static } from 'typebox'

/** The largest offset accepted, as for durations: ten years. Anything larger is a typo. */
export const MAX_DAY_OFFSET = 3650

const OFFSET = /^([+-]?)(\d{1,4})d$/

/**
 * Whole calendar days before (`-3d`) or after (`+1d`) a date; `0d` is the date
 * itself. Whole days, not hours, so "the day before" stays the day before
 * across a DST change.
 */
export const DayOffset = Type.String({
  pattern: '^[+-]?\\d{1,4}d$',
  description: 'Whole days before (-3d) or after (+1d) the date; 0d is the date itself',
})
export type DayOffset = Static<typeof DayOffset>

/** True for a day offset of at most 3650 days either way. */
export function isDayOffset(text: unknown): text is string {
  const match = typeof text === 'string' ? OFFSET.exec(text) : null
  return match !== null && Number(match[2]) <= MAX_DAY_OFFSET
}

/** "-3d" → -3, "+1d" and "1d" → 1; throws on anything that is not a day offset. */
export function parseDayOffset(text: string): number {
  if (!isDayOffset(text)) throw new Error(`"${text}" is not a day offset (use e.g. -3d, 0d or +1d, at most ${MAX_DAY_OFFSET}d)`)
  const [, sign, digits] = OFFSET.exec(text)!
  const days = Number(digits)
  return sign === '-' && days !== 0 ? -days : days
}
