import { addDays, formatLocalDate, isValidLocalDate, type LocalDate } from '@kairos/sdk'
import type { ErrorDetail } from '../errors.ts'
import { checkDays, type CalendarDay, type CalendarParse } from './calendar-file.ts'

/** A content line after unfolding, with the line number it starts on in the file. */
interface ContentLine {
  line: number
  name: string
  params: Record<string, string>
  value: string
}

/** `CATEGORIES` value, or `SUMMARY` ending, that marks a make-up workday (调休) rather than a holiday. */
export const WORKDAY_CATEGORY = 'WORKDAY'
const WORKDAY_SUFFIXES = ['(补班)', '（补班）', '(workday)']

/** Unfolds RFC 5545 lines (a line starting with a space or tab continues the one before). */
function contentLines(text: string): ContentLine[] {
  const lines: ContentLine[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1].value += raw.slice(1)
      return
    }
    if (raw.trim() === '') return
    const colon = raw.indexOf(':')
    const head = colon < 0 ? raw : raw.slice(0, colon)
    const [name, ...paramParts] = head.split(';')
    const params: Record<string, string> = {}
    for (const part of paramParts) {
      const [key, value = ''] = part.split('=')
      params[key.toUpperCase()] = value
    }
    lines.push({ line: index + 1, name: name.toUpperCase(), params, value: colon < 0 ? '' : raw.slice(colon + 1) })
  })
  return lines
}

/** TEXT values escape `\,` `\;` `\\` and `\n`. */
const unescapeText = (value: string) => value.replace(/\\([,;\\nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c))

function icsDate(value: string): LocalDate | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value)
  if (!match) return null
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
  return isValidLocalDate(date) ? date : null
}

/**
 * Reads an iCalendar file of all-day events (docs/calendars.md): each VEVENT
 * with `DTSTART;VALUE=DATE:20261001` and an exclusive `DTEND;VALUE=DATE:20261008`
 * (or none: one day) is a holiday named by its SUMMARY, or a make-up workday
 * when its CATEGORIES include WORKDAY or its SUMMARY ends in (补班). Timed
 * events, recurrence rules and events outside VEVENT are refused, naming the line.
 */
export function parseIcsCalendar(text: string): CalendarParse {
  const lines = contentLines(text)
  const problems: ErrorDetail[] = []
  if (lines[0]?.name !== 'BEGIN' || lines[0].value.toUpperCase() !== 'VCALENDAR')
    return { problems: [{ field: 'line 1', message: 'an iCalendar file starts with BEGIN:VCALENDAR' }] }
  const days: CalendarDay[] = []
  const origins: string[] = []
  let event: { line: number; start?: LocalDate; end?: LocalDate; summary?: string; workday: boolean; broken?: boolean } | null = null
  let description: string | null = null
  for (const line of lines) {
    const at = `line ${line.line}`
    if (line.name === 'BEGIN' && line.value.toUpperCase() === 'VEVENT') {
      if (event) problems.push({ field: at, message: `BEGIN:VEVENT inside the event that starts at line ${event.line}` })
      event = { line: line.line, workday: false }
      continue
    }
    if (line.name === 'X-WR-CALDESC' && !event) description = unescapeText(line.value)
    if (!event) continue
    if (line.name === 'DTSTART' || line.name === 'DTEND') {
      const date = icsDate(line.value)
      if (!date || (line.params.VALUE && line.params.VALUE.toUpperCase() !== 'DATE') || (!line.params.VALUE && line.value.length !== 8))
      {
        problems.push({ field: at, message: `${line.name} must be an all-day date (${line.name};VALUE=DATE:YYYYMMDD), not "${line.value}"` })
        event.broken = true
      } else if (line.name === 'DTSTART') event.start = date
      else event.end = date
    } else if (line.name === 'SUMMARY') event.summary = unescapeText(line.value).trim()
    else if (line.name === 'CATEGORIES') event.workday ||= line.value.split(',').some((c) => c.trim().toUpperCase() === WORKDAY_CATEGORY)
    else if (line.name === 'RRULE' || line.name === 'RDATE') problems.push({ field: at, message: `${line.name} is not supported: list each day off as its own event` })
    else if (line.name === 'END' && line.value.toUpperCase() === 'VEVENT') {
      const from = `line ${event.line}`
      let summary = event.summary ?? ''
      const suffix = WORKDAY_SUFFIXES.find((s) => summary.endsWith(s))
      if (suffix) summary = summary.slice(0, -suffix.length).trim()
      if (event.broken) {
        // Its date was already reported on its own line.
      } else if (!event.start) problems.push({ field: from, message: 'the event has no DTSTART;VALUE=DATE' })
      else if (!summary) problems.push({ field: from, message: 'the event has no SUMMARY (its label, e.g. 国庆节)' })
      else {
        const end = event.end ?? addDays(event.start, 1)
        const span: string[] = []
        for (let day = event.start; formatLocalDate(day) < formatLocalDate(end) && span.length <= 31; day = addDays(day, 1)) span.push(formatLocalDate(day))
        if (span.length === 0) problems.push({ field: from, message: 'DTEND must be after DTSTART (DTEND is the day after the last day)' })
        else if (span.length > 31) problems.push({ field: from, message: 'an event may span at most 31 days' })
        for (const date of span) {
          days.push({ date, kind: event.workday || suffix ? 'workday' : 'holiday', label: summary.slice(0, 80) })
          origins.push(from)
        }
      }
      event = null
    }
  }
  if (event) problems.push({ field: `line ${event.line}`, message: 'BEGIN:VEVENT without END:VEVENT' })
  if (problems.length > 0) return { problems }
  const checked = checkDays(days, null, (index) => `event at ${origins[index]}`, 'content')
  if (checked.file) checked.file.description = description
  return checked
}
