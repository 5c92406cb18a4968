import type { WorkdayCalendar } from '@kairos/sdk'
import { parseJsonCalendar } from '../../packages/server/src/calendars/parse-json-calendar.ts'

/** A JSON calendar file as the gate reads it from the database, for tests without one. */
export function readCalendarFile(name: string, text: string): WorkdayCalendar {
  const { file, problems } = parseJsonCalendar(text)
  if (!file) throw new Error(problems.map((p) => `${p.field} ${p.message}`).join('; '))
  const pick = (kind: 'holiday' | 'workday') => new Map(file.days.filter((d) => d.kind === kind).map((d) => [d.date, d.label]))
  return { name, years: file.years, holidays: pick('holiday'), workdays: pick('workday') }
}
