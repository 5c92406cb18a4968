import { sql } from 'kysely'
import type { WorkdayCalendar } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'

/**
 * The calendar named `name` as policies and nodes read it, or null when it
 * was never uploaded: three small queries (the calendar, its years, its
 * days), so callers read it once per batch and share it.
 */
export async function readCalendar(db: Db, name: string): Promise<WorkdayCalendar | null> {
  const calendar = await db.selectFrom('holiday_calendars').select('name').where('name', '=', name).executeTakeFirst()
  if (!calendar) return null
  const [years, { rows: days }] = await Promise.all([
    db.selectFrom('holiday_calendar_years').select('year').where('calendar', '=', name).orderBy('year').execute(),
    sql<{ day: string; kind: 'holiday' | 'workday'; label: string }>`select day::text as day, kind, label from holiday_calendar_days where calendar = ${name} order by day`.execute(db),
  ])
  const holidays = new Map<string, string>()
  const workdays = new Map<string, string>()
  for (const day of days) (day.kind === 'holiday' ? holidays : workdays).set(day.day, day.label)
  return { name, years: years.map((y) => y.year), holidays, workdays }
}
