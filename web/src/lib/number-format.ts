// Counts, lengths of time and calendar days in a given locale, with Intl only (no page, no
// catalog): format.ts gives them the editor's language. Kept apart so they are tested in Node.

// Formatters are costly to build and a table formats hundreds of cells: one per locale and style.
const formats = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale}|${key}`
  let format = formats.get(id)
  if (!format) formats.set(id, (format = new Intl.NumberFormat(locale, options)))
  return format
}

/** 1234 → "1,234"; `compact` from 10,000 on: "12.5K" (en), "1.25万" (zh-CN), three digits at most. */
export function countIn(locale: string, value: number, compact = false): string {
  if (compact && value >= 10_000) return numberFormat(locale, 'compact', { notation: 'compact', maximumSignificantDigits: 3 }).format(value)
  return numberFormat(locale, 'plain', {}).format(value)
}

type DurationUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day'

function unitIn(locale: string, value: number, unit: DurationUnit, fractionDigits: number): string {
  return numberFormat(locale, `${unit}:${fractionDigits}`, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: fractionDigits }).format(value)
}

/** A length of time in the largest unit that fits, in the locale's words: "1.2 sec" / "1.2秒", "30 min" / "30分钟", "1.5 hr" / "1.5小时", "2.5 days" / "2.5天". */
export function durationIn(locale: string, ms: number): string {
  if (ms < 1000) return unitIn(locale, ms, 'millisecond', 0)
  if (ms < 60_000) return unitIn(locale, ms / 1000, 'second', 1)
  if (ms < 3_600_000) return unitIn(locale, Math.round(ms / 60_000), 'minute', 0)
  if (ms < 86_400_000) return unitIn(locale, ms / 3_600_000, 'hour', 1)
  return unitIn(locale, ms / 86_400_000, 'day', 1)
}

/** The calendar day in this machine's time as a date input takes it ("2026-03-02"): not UTC's, which is yesterday in Shanghai before 08:00. */
export function localDate(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
