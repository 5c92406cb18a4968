// Dates and numbers as a person reads them in the editor, in the language the editor speaks
// (Intl formats per locale; the words around them come from the `common` catalog).
import { locale, t } from '../i18n/index.ts'
import { countIn, durationIn } from './number-format.ts'

export { localDate } from './number-format.ts'

// Formatters are costly to build and a table formats hundreds of cells: one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>()
function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale.value}|${key}`
  let format = formatters.get(id)
  if (!format) formatters.set(id, (format = new Intl.DateTimeFormat(locale.value, options)))
  return format
}
const dateTime = { format: (d: Date) => dateFormat('dateTime', { dateStyle: 'medium', timeStyle: 'short', hour12: false }).format(d) }
const time = { format: (d: Date) => dateFormat('time', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d) }

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—'
}

/** With the weekday and the zone's name: "Mon, Jun 2, 2025, 09:00 UTC"; in `timeZone` when given. */
export function formatInstant(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale.value, { hour12: false, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso))
}

/** The instant in UTC as ISO 8601, without the milliseconds a schedule never has: 2025-06-02T09:00:00Z. */
export function formatUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/\.000Z$/, 'Z')
}

/** "in 5 min", "in 3 h", "in 2 days": how far off a future instant is. */
export function formatUntil(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000)
  if (seconds < 45) return seconds < -45 ? t('common.time.overdue') : t('common.time.anyMoment')
  if (seconds < 3600) return t('common.time.inMin', { n: Math.round(seconds / 60) })
  if (seconds < 86_400) return t('common.time.inH', { n: Math.round(seconds / 3600) })
  const days = Math.round(seconds / 86_400)
  return t('common.time.inDays', { n: days }, days)
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? time.format(new Date(iso)) : '—'
}

/** "just now", "5 min ago", "3 h ago", then the date. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—'
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000)
  if (seconds < 45) return t('common.time.justNow')
  if (seconds < 3600) return t('common.time.minAgo', { n: Math.round(seconds / 60) })
  if (seconds < 86_400) return t('common.time.hAgo', { n: Math.round(seconds / 3600) })
  return formatDateTime(iso)
}

/**
 * 1234 → "1,234"; with `compact` (the canvas, where space is short) from 10,000 on the locale's
 * short form to three digits: "12.5K" in English, "1.25万" in Chinese.
 */
export function formatCount(n: number | undefined, compact = false): string {
  return countIn(locale.value, n ?? 0, compact)
}

/** A length of time in the largest unit that fits: "500 ms", "1.2 sec", "30 min", "1.5 hr", "2.5 days" (毫秒, 秒, 分钟, 小时, 天 in Chinese). */
export function formatDuration(ms: number): string {
  return durationIn(locale.value, ms)
}

/** The time between two instants, e.g. "1.2 sec" or "30 min" (see formatDuration); '' while the second is unknown. */
export function formatSpan(from: string, to: string | null): string {
  if (!to) return ''
  return formatDuration(new Date(to).getTime() - new Date(from).getTime())
}
