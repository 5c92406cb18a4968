// Numbers and times of the reports page as a person reads them, in the editor's language
// (Intl per locale, 24-hour clock), and times in the journey's timezone.
import { locale, t } from '../../i18n/index.ts'

/** 0.1234 → "12.3%" (en) / "12.3%" (zh-CN); "—" for null. */
export function formatRate(value: number | null | undefined): string {
  if (value == null) return '—'
  return new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }).format(value)
}

/** A signed difference of rates in percentage points: "+4.2 pp" / "+4.2 个百分点". */
export function formatPoints(value: number | null | undefined): string {
  if (value == null) return '—'
  return t('reports.points', { n: new Intl.NumberFormat(locale.value, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value * 100) })
}

/** A p-value to three places, "< 0.001" below that. */
export function formatPValue(value: number | null | undefined): string {
  if (value == null) return '—'
  if (value < 0.001) return `< ${new Intl.NumberFormat(locale.value).format(0.001)}`
  return new Intl.NumberFormat(locale.value, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value)
}

/** A bucket's start on the chart's axis: "3 Mar" / "3月3日" per day, "3 Mar, 09:00" per hour, in `zone`. */
export function formatBucket(iso: string, bucket: 'hour' | 'day', zone: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'day' ? { timeZone: zone, month: 'short', day: 'numeric' } : { timeZone: zone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
  return new Intl.DateTimeFormat(locale.value, options).format(new Date(iso))
}

/** A date of the range in `zone`: "3 Mar 2027" / "2027年3月3日". */
export function formatDay(at: Date, zone: string): string {
  return new Intl.DateTimeFormat(locale.value, { timeZone: zone, year: 'numeric', month: 'short', day: 'numeric' }).format(at)
}
