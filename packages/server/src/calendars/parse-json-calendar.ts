import { addDays, formatLocalDate } from '@kairos/sdk'
import type { ErrorDetail } from '../errors.ts'
import { jsonErrorPosition } from './json-error-position.ts'
import { CALENDAR_YEARS, checkDays, parseIsoDate, type CalendarDay, type CalendarParse } from './calendar-file.ts'

/** The longest range one entry may span: Spring Festival is nine days, so a month is plenty. */
const MAX_RANGE_DAYS = 31

/**
 * Reads the JSON calendar format (docs/calendars.md):
 *
 * ```json
 * { "description": "…", "years": [2026],
 *   "holidays": [{ "date": "2026-01-01", "name": "元旦" }, { "from": "2026-10-01", "to": "2026-10-07", "name": "国庆节" }],
 *   "workdays": [{ "date": "2026-10-10", "name": "国庆节调休" }] }
 * ```
 *
 * Problems name the field (`holidays[3].to`), or the line and column of a JSON syntax error.
 */
export function parseJsonCalendar(text: string): CalendarParse {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    const { line, column } = jsonErrorPosition(text)
    const reason = (error as Error).message.replace(/, (?:"|\.\.\.)[\s\S]*is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/s, '')
    return { problems: [{ field: 'content', message: `not JSON at line ${line}, column ${column}: ${reason}` }] }
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    return { problems: [{ field: 'content', message: 'must be a JSON object with holidays and workdays' }] }
  const record = document as Record<string, unknown>
  const problems: ErrorDetail[] = []
  for (const key of Object.keys(record))
    if (!['description', 'source', 'years', 'holidays', 'workdays', '$schema'].includes(key)) problems.push({ field: key, message: 'is not a field of the calendar format' })
  let years: number[] | null = null
  if (record.years !== undefined) {
    if (!Array.isArray(record.years) || !record.years.every((y) => Number.isInteger(y) && y >= CALENDAR_YEARS.first && y <= CALENDAR_YEARS.last))
      problems.push({ field: 'years', message: 'must be a list of years, e.g. [2026]' })
    else years = [...new Set(record.years as number[])].sort((a, b) => a - b)
  }
  if (record.description !== undefined && typeof record.description !== 'string') problems.push({ field: 'description', message: 'must be text' })
  const days: CalendarDay[] = []
  const fields: string[] = []
  for (const [key, kind] of [['holidays', 'holiday'], ['workdays', 'workday']] as const) {
    const list = record[key] ?? []
    if (!Array.isArray(list)) {
      problems.push({ field: key, message: 'must be a list of { date, name } or { from, to, name }' })
      continue
    }
    list.forEach((entry, index) => {
      const field = `${key}[${index}]`
      const expanded = expandEntry(entry, field, problems)
      for (const date of expanded) {
        days.push({ date, kind, label: (entry as { name: string }).name })
        fields.push(field)
      }
    })
  }
  if (problems.length > 0) return { problems }
  const checked = checkDays(days, years, (index) => fields[index], 'years')
  if (checked.file) checked.file.description = (record.description as string | undefined) ?? null
  return checked
}

/** The ISO dates one `{ date }` or `{ from, to }` entry covers, or none after recording its problems. */
function expandEntry(entry: unknown, field: string, problems: ErrorDetail[]): string[] {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    problems.push({ field, message: 'must be { date, name } or { from, to, name }' })
    return []
  }
  const { date, from, to, name, ...rest } = entry as Record<string, unknown>
  for (const key of Object.keys(rest)) problems.push({ field: `${field}.${key}`, message: 'is not a field of a calendar day (date, from, to, name)' })
  if (typeof name !== 'string' || name.trim() === '' || name.length > 80) problems.push({ field: `${field}.name`, message: 'must be a label of 1 to 80 characters, e.g. 国庆节' })
  if (date !== undefined) {
    if (from !== undefined || to !== undefined) problems.push({ field: `${field}.date`, message: 'give either date or from and to, not both' })
    const day = parseIsoDate(date)
    if (!day) problems.push({ field: `${field}.date`, message: `"${String(date)}" is not a date (YYYY-MM-DD)` })
    return day && problems.length === 0 ? [formatLocalDate(day)] : []
  }
  const start = parseIsoDate(from)
  const end = parseIsoDate(to)
  if (!start) problems.push({ field: `${field}.from`, message: from === undefined ? 'is required without date' : `"${String(from)}" is not a date (YYYY-MM-DD)` })
  if (!end) problems.push({ field: `${field}.to`, message: to === undefined ? 'is required without date' : `"${String(to)}" is not a date (YYYY-MM-DD)` })
  if (!start || !end) return []
  const dates: string[] = []
  for (let day = start; formatLocalDate(day) <= formatLocalDate(end); day = addDays(day, 1)) {
    dates.push(formatLocalDate(day))
    if (dates.length > MAX_RANGE_DAYS) {
      problems.push({ field: `${field}.to`, message: `a range may span at most ${MAX_RANGE_DAYS} days` })
      return []
    }
  }
  if (dates.length === 0) problems.push({ field: `${field}.to`, message: `must not be before from (${String(from)})` })
  return dates
}
