// Dates and numbers as a person reads them in the editor.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—'
}

/** With the weekday and the zone's name: "Mon, Jun 2, 2025, 09:00 UTC"; in `timeZone` when given. */
export function formatInstant(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso))
}

/** The instant in UTC as ISO 8601, without the milliseconds a schedule never has: 2025-06-02T09:00:00Z. */
export function formatUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/\.000Z$/, 'Z')
}

/** "in 5 min", "in 3 h", "in 2 days": how far off a future instant is. */
export function formatUntil(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000)
  if (seconds < 45) return seconds < -45 ? 'overdue' : 'any moment now'
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`
  if (seconds < 86_400) return `in ${Math.round(seconds / 3600)} h`
  const days = Math.round(seconds / 86_400)
  return `in ${days} day${days === 1 ? '' : 's'}`
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? time.format(new Date(iso)) : '—'
}

/** "just now", "5 min ago", "3 h ago", then the date. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—'
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000)
  if (seconds < 45) return 'just now'
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`
  return formatDateTime(iso)
}

/** 1234 → "1,234"; 12500 → "12.5k" on the canvas where space is short. */
export function formatCount(n: number | undefined, compact = false): string {
  const value = n ?? 0
  if (compact && value >= 10_000) return `${(value / 1000).toFixed(value >= 100_000 ? 0 : 1)}k`
  return value.toLocaleString()
}

/** The time between two instants, e.g. "1.2 s" or "30 min". */
export function formatSpan(from: string, to: string | null): string {
  if (!to) return ''
  const ms = new Date(to).getTime() - new Date(from).getTime()
  if (ms < 1000) return `${ms} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`
  return `${(ms / 86_400_000).toFixed(1)} d`
}
