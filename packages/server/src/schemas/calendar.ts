import { Type } from 'typebox'
import type { CalendarSummary, CalendarView } from '../calendars/calendar-service.ts'
import { DateTime, filled, OneOf } from './reply-fields.ts'

const CalendarYear = Type.Object({
  year: Type.Integer(),
  source: OneOf(['json', 'ics']),
  uploadedAt: DateTime,
  holidays: Type.Integer({ description: 'Days off in that year' }),
  workdays: Type.Integer({ description: 'Make-up workdays (调休) in that year' }),
})
const summaryFields = {
  name: Type.String(),
  description: Type.String(),
  years: Type.Array(CalendarYear),
  usedByPolicies: Type.Boolean({ description: 'The policies name it (holidays.calendar); it cannot be deleted then' }),
  updatedAt: DateTime,
}
const CalendarDay = Type.Object({ date: Type.String({ description: 'YYYY-MM-DD' }), kind: OneOf(['holiday', 'workday']), label: Type.String() })

/** One calendar with its years, no days. */
export const CalendarSummaryReply = filled<CalendarSummary>(Type.Object(summaryFields))
/** The calendars, by name. */
export const CalendarList = Type.Object({ calendars: Type.Array(CalendarSummaryReply) })
/** A calendar with its days (of the year asked for, or all). */
export const CalendarReply = filled<CalendarView>(Type.Object({ ...summaryFields, days: Type.Array(CalendarDay) }))
