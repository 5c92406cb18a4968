import { isValidLocalDate, type LocalDate } from '@kairos/sdk'
import type { ErrorDetail } from '../errors.ts'

/** One day a calendar file marks: a public holiday or a make-up workday (调休), with its label. */
export interface CalendarDay {
  date: string
  kind: 'holiday' | 'workday'
  label: string
}

/** A parsed calendar file: its days and the years it covers (uploading replaces those years). */
export interface CalendarFile {
  description: string | null
  years: number[]
  days: CalendarDay[]
}

/** A parse either gives the file or every problem found, each naming its field (JSON) or line (ICS). */
export type CalendarParse = { file: CalendarFile; problems?: undefined } | { file?: undefined; problems: ErrorDetail[] }

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The years a calendar may cover, as the holiday_calendar_years table checks them. */
export const CALENDAR_YEARS = { first: 1970, last: 2200 } as const

/** `2026-10-01` as a local date, or null when it is not one the calendar has. */
export function parseIsoDate(text: unknown): LocalDate | null {
  if (typeof text !== 'string') return null
  const match = ISO_DATE.exec(text)
  if (!match) return null
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
  return isValidLocalDate(date) ? date : null
}

/**
 * What both formats share once their days are read: no date both a holiday
 * and a workday (or twice), every day inside the years the file declares
 * (the years its days fall in, when it declares none), at most 3 years.
 * `where(i)` names day i for a message: `holidays[2]`, `line 14`.
 */
export function checkDays(days: CalendarDay[], declaredYears: number[] | null, where: (index: number) => string, yearsField: string): CalendarParse {
  const problems: ErrorDetail[] = []
  const seen = new Map<string, number>()
  days.forEach((day, index) => {
    const earlier = seen.get(day.date)
    if (earlier !== undefined) problems.push({ field: where(index), message: `${day.date} is already listed at ${where(earlier)}` })
    else seen.set(day.date, index)
  })
  // A file declaring no years covers those of its days: each must be one the table takes.
  if (!declaredYears) days.forEach((day, index) => {
    const year = Number(day.date.slice(0, 4))
    if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last)
      problems.push({ field: where(index), message: `${day.date} is outside the years a calendar covers (${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last})` })
  })
  const years = declaredYears ?? [...new Set(days.map((day) => Number(day.date.slice(0, 4))))].sort((a, b) => a - b)
  if (years.length === 0) problems.push({ field: yearsField, message: 'the file lists no day and no year' })
  if (years.length > 3) problems.push({ field: yearsField, message: `covers ${years.length} years; upload at most 3 at a time` })
  if (declaredYears)
    days.forEach((day, index) => {
      if (!declaredYears.includes(Number(day.date.slice(0, 4)))) problems.push({ field: where(index), message: `${day.date} is outside the years the file covers (${declaredYears.join(', ')})` })
    })
  if (problems.length > 0) return { problems }
  return { file: { description: null, years, days: [...days].sort((a, b) => a.date.localeCompare(b.date)) } }
}
