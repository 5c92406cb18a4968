import type { Generated } from 'kysely'

type CreatedAt = Generated<Date>

/** A named holiday calendar (migration 0022). */
export interface HolidayCalendarsTable {
  name: string
  description: Generated<string>
  created_at: CreatedAt
  updated_at: CreatedAt
}

/** One day of a calendar: a public holiday or a make-up workday (调休). `day` is a date, read as `YYYY-MM-DD` text. */
export interface HolidayCalendarDaysTable {
  calendar: string
  day: string
  kind: 'holiday' | 'workday'
  label: Generated<string>
}

/** A year a calendar covers, and the format it was uploaded in. */
export interface HolidayCalendarYearsTable {
  calendar: string
  year: number
  source: 'json' | 'ics'
  uploaded_at: CreatedAt
}
