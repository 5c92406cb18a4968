import { sql } from 'kysely'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { KairosError, notFound, type ErrorDetail } from '../errors.ts'
import { readPolicies } from '../policies/policy-service.ts'
import type { CalendarDay, CalendarParse } from './calendar-file.ts'
import { parseIcsCalendar } from './parse-ics-calendar.ts'
import { parseJsonCalendar } from './parse-json-calendar.ts'
import type { NodeRegistry } from '@kairos/engine'
import { calendarUsers, describeCalendarUser } from './calendar-users.ts'

/** A calendar in the list: its years and how many days off and make-up workdays it holds. */
export interface CalendarSummary {
  name: string
  description: string
  years: Array<{ year: number; source: 'json' | 'ics'; uploadedAt: string; holidays: number; workdays: number }>
  /** Whether the workspace's policies use it (`holidays.calendar`): such a calendar cannot be deleted. */
  usedByPolicies: boolean
  updatedAt: string
}

/** A calendar with its days, of one year or all. */
export interface CalendarView extends CalendarSummary {
  days: CalendarDay[]
}

/** What an upload carries: the file's text and its format. */
export interface CalendarUpload {
  format: 'json' | 'ics'
  content: string
  description?: string
}

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/

/** A file's problem named under the request: `body.content.holidays[2].to` (JSON), `body.content (line 14)` (ICS). */
function contentField(field: string): string {
  if (field === 'content') return 'body.content'
  if (field.startsWith('line ') || field.startsWith('event at ')) return `body.content (${field})`
  return `body.content.${field}`
}

const invalid = (problems: ErrorDetail[], name: (field: string) => string) => {
  const named = problems.map((p) => ({ field: name(p.field), message: p.message }))
  return new KairosError('KAIROS_VALIDATION', named.map((p) => `${p.field} ${p.message}`).join('; '), named)
}

/**
 * Holiday calendars (docs/calendars.md): upload a JSON or ICS file under a
 * name, list them, read a year's days, delete. An upload replaces the days
 * of the years the file covers and keeps the other years, in one transaction.
 */
export class CalendarService {
  readonly #db: Db
  readonly #clock: Clock
  readonly #registry: NodeRegistry

  /** `registry` tells which steps of a live version name a calendar (their `x-kairos-calendar` fields). */
  constructor(db: Db, clock: Clock, registry: NodeRegistry) {
    this.#db = db
    this.#clock = clock
    this.#registry = registry
  }

  /** Parses and stores the file; a bad one is refused with every problem, each naming `body.content` and its field or line. */
  async upload(name: string, upload: CalendarUpload): Promise<CalendarView> {
    if (!NAME.test(name)) throw invalid([{ field: 'name', message: 'must be lower-case letters, digits and dashes, e.g. cn-mainland' }], (f) => `params.${f}`)
    const parsed: CalendarParse = upload.format === 'ics' ? parseIcsCalendar(upload.content) : parseJsonCalendar(upload.content)
    if (parsed.problems) throw invalid(parsed.problems, contentField)
    const { file } = parsed
    const now = this.#clock.now()
    const description = upload.description ?? file.description ?? ''
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('holiday_calendars')
        .values({ name, description, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('name').doUpdateSet({ description, updated_at: now }))
        .execute()
      await sql`delete from holiday_calendar_days where calendar = ${name} and extract(year from day)::int = any(${file.years}::int[])`.execute(trx)
      if (file.days.length > 0)
        await trx.insertInto('holiday_calendar_days').values(file.days.map((day) => ({ calendar: name, day: day.date, kind: day.kind, label: day.label }))).execute()
      await trx
        .insertInto('holiday_calendar_years')
        .values(file.years.map((year) => ({ calendar: name, year, source: upload.format, uploaded_at: now })))
        .onConflict((oc) => oc.columns(['calendar', 'year']).doUpdateSet((eb) => ({ source: eb.ref('excluded.source'), uploaded_at: eb.ref('excluded.uploaded_at') })))
        .execute()
    })
    return this.get(name)
  }

  async list(): Promise<CalendarSummary[]> {
    const rows = await this.#db.selectFrom('holiday_calendars').select('name').orderBy('name').execute()
    return Promise.all(rows.map((row) => this.#summary(row.name)))
  }

  /** The calendar with its days, only those of `year` when given. */
  async get(name: string, year?: number): Promise<CalendarView> {
    const summary = await this.#summary(name)
    const { rows } = await sql<CalendarDay>`select day::text as date, kind, label from holiday_calendar_days
      where calendar = ${name}${year === undefined ? sql`` : sql` and extract(year from day)::int = ${year}`} order by day`.execute(this.#db)
    return { ...summary, days: rows }
  }

  /** Deletes a calendar neither the policies nor a live journey's step uses (409 naming `holidays.calendar`, or each journey and its steps). */
  async remove(name: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('holiday_calendars').select('name').where('name', '=', name).forUpdate().executeTakeFirst()
      if (!found) throw notFound('calendar', name)
      const { policies } = await readPolicies(trx)
      if (policies.holidays?.calendar === name)
        throw new KairosError('KAIROS_CONFLICT', `calendar "${name}" is the workspace's holiday calendar (policies holidays.calendar); choose another or none first`, [
          { field: 'holidays.calendar', message: `the policies use calendar "${name}"` },
        ])
      // Publishing key-share locks the calendars its steps name (flows/calendar-problems.ts), so a publish and this delete cannot pass each other.
      const users = await calendarUsers(trx, this.#registry, name)
      if (users.length > 0) {
        const journeys = [...new Map(users.map((u) => [u.flowId, `"${u.flowName}"`])).values()].join(', ')
        throw new KairosError(
          'KAIROS_CONFLICT',
          `calendar "${name}" is named by wait.until steps of live journeys: ${journeys}; change their steps to another calendar and publish first`,
          users.map((u) => ({ field: 'config.calendar', message: describeCalendarUser(u) })),
        )
      }
      await trx.deleteFrom('holiday_calendars').where('name', '=', name).execute()
    })
  }

  async #summary(name: string): Promise<CalendarSummary> {
    const calendar = await this.#db.selectFrom('holiday_calendars').selectAll().where('name', '=', name).executeTakeFirst()
    if (!calendar) throw notFound('calendar', name)
    const { rows: years } = await sql<{ year: number; source: 'json' | 'ics'; uploaded_at: Date; holidays: string; workdays: string }>`
      select y.year, y.source, y.uploaded_at,
        count(d.day) filter (where d.kind = 'holiday') as holidays, count(d.day) filter (where d.kind = 'workday') as workdays
      from holiday_calendar_years y left join holiday_calendar_days d on d.calendar = y.calendar and extract(year from d.day)::int = y.year
      where y.calendar = ${name} group by y.year, y.source, y.uploaded_at order by y.year`.execute(this.#db)
    const { policies } = await readPolicies(this.#db)
    return {
      name,
      description: calendar.description,
      years: years.map((y) => ({ year: y.year, source: y.source, uploadedAt: y.uploaded_at.toISOString(), holidays: Number(y.holidays), workdays: Number(y.workdays) })),
      usedByPolicies: policies.holidays?.calendar === name,
      updatedAt: calendar.updated_at.toISOString(),
    }
  }
}
