// Durations as operators write them (`30s`, `5m`, `1h30m`, `3d`, `2w`), the same grammar
// the SDK's `Duration` schema accepts, so the editor can check and explain one before publish.

import { t } from '../i18n/index.ts'

export const DURATION_UNITS = [
  { unit: 's', label: 'seconds', ms: 1000 },
  { unit: 'm', label: 'minutes', ms: 60_000 },
  { unit: 'h', label: 'hours', ms: 3_600_000 },
  { unit: 'd', label: 'days', ms: 86_400_000 },
  { unit: 'w', label: 'weeks', ms: 604_800_000 },
] as const

const WHOLE = /^(\d+(ms|s|m|h|d|w))+$/
const PART = /(\d+)(ms|s|m|h|d|w)/g

export function isDuration(text: unknown): text is string {
  return typeof text === 'string' && WHOLE.test(text)
}

/** `1h30m` → "1 hour 30 minutes" (in the editor's language: "1 小时 30 分钟"); null when the text is not a duration. */
export function describeDuration(text: unknown): string | null {
  if (!isDuration(text)) return null
  return [...text.matchAll(PART)].map(([, n, u]) => t(`describe.duration.${u}`, { n }, Number(n))).join(' ')
}

/** A single `<amount><unit>` duration split for the amount + unit inputs; null for compound ones. */
export function splitDuration(text: unknown): { amount: number; unit: string } | null {
  if (typeof text !== 'string') return null
  const match = /^(\d+)(s|m|h|d|w)$/.exec(text)
  return match ? { amount: Number(match[1]), unit: match[2] } : null
}
