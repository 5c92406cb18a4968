import { Type, type Static } from 'typebox'

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const
const PART = /(\d+)(ms|s|m|h|d|w)/g
const WHOLE = /^(\d+(ms|s|m|h|d|w))+$/

/** A duration as operators write it: `30s`, `5m`, `3d`, `1h30m`, `2w`. */
export const Duration = Type.String({
  pattern: '^(\\d+(ms|s|m|h|d|w))+$',
  description: 'A duration such as 30s, 5m, 1h30m, 3d or 2w',
  format: 'kairos-duration',
})
export type Duration = Static<typeof Duration>

/** The longest duration Kairos accepts: ten years. Anything longer is a typo, not a plan. */
export const MAX_DURATION_MS = 3650 * UNIT_MS.d

function total(text: string): number {
  let ms = 0
  for (const [, amount, unit] of text.matchAll(PART)) ms += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]
  return ms
}

/** A duration string longer than zero and at most ten years. */
export function isDuration(text: unknown): text is string {
  if (typeof text !== 'string' || !WHOLE.test(text)) return false
  const ms = total(text)
  return ms > 0 && ms <= MAX_DURATION_MS
}

/** Milliseconds in a duration string; throws on anything that is not one. */
export function parseDuration(text: string): number {
  if (!isDuration(text)) throw new Error(`"${text}" is not a duration between 1ms and 3650d (use e.g. 30s, 5m, 1h30m, 3d)`)
  return total(text)
}
