import { DayOffset, isDayOffset, isTimeZone, TimeOfDay, Type, Weekday, type Problem, type Static } from '@kairos/sdk'

/**
 * `at` a time of day, optionally only on some weekdays, or on the date an
 * attribute holds moved by whole days (`subscription_end` minus `1d` at 09:00).
 */
export const WaitUntilConfig = Type.Object(
  {
    at: TimeOfDay,
    days: Type.Optional(
      Type.Array(Weekday, { uniqueItems: true, description: 'Only on these days of the week (every day when empty or absent)' }),
    ),
    date: Type.Optional(
      Type.Object(
        {
          attribute: Type.String({ minLength: 1, description: 'Contact attribute holding the date, e.g. subscription_end' }),
          offset: Type.Optional(DayOffset),
        },
        { additionalProperties: false, description: 'Wait for this date instead of the next time of day' },
      ),
    ),
    timezone: Type.Optional(
      Type.String({ minLength: 1, description: "IANA timezone; default: the contact's timezone attribute, else the flow's" }),
    ),
    workday: Type.Optional(
      Type.Boolean({
        description: 'Only on a workday of the holiday calendar: public holidays skipped, make-up workdays (调休) included, weekends otherwise skipped',
      }),
    ),
    calendar: Type.Optional(
      // x-kairos-calendar: publishing checks the calendar exists and deleting it is refused while a live step names it.
      Type.String({ minLength: 1, maxLength: 64, 'x-kairos-calendar': true, description: "Holiday calendar for workday (default: the one the workspace's policies name)" }),
    ),
    late: Type.Union([Type.Literal('continue'), Type.Literal('late')], {
      default: 'continue',
      description: 'When the date is already past: go on at once (continue) or through the late port',
    }),
  },
  { additionalProperties: false },
)
export type WaitUntilConfig = Static<typeof WaitUntilConfig>

/** Checks the schema cannot express: a real zone, an offset within ten years, options that only make sense together. */
export function validateWaitUntil(config: WaitUntilConfig): Problem[] {
  const problems: Problem[] = []
  if (config.timezone !== undefined && !isTimeZone(config.timezone))
    problems.push({ field: 'config.timezone', message: `"${config.timezone}" is not a known IANA timezone` })
  if (config.date?.offset !== undefined && !isDayOffset(config.date.offset))
    problems.push({ field: 'config.date.offset', message: 'must be whole days, at most 3650 either way (e.g. -3d, 0d, +1d)' })
  if (config.date && config.days?.length)
    problems.push({ field: 'config.days', message: 'days apply only without a date: with a date, the date picks the day' })
  if (config.workday && config.date)
    problems.push({ field: 'config.workday', message: 'applies only to the next time of day, not to a date attribute' })
  if (config.workday && config.days?.length)
    problems.push({ field: 'config.days', message: 'leave days empty with workday: the calendar picks the days' })
  if (config.calendar !== undefined && !config.workday) problems.push({ field: 'config.calendar', message: 'needs workday: a calendar only picks workdays' })
  // Without a date the run waits for the next occurrence of `at`, which is never in the past.
  if (!config.date && config.late === 'late')
    problems.push({ field: 'config.late', message: 'a late port needs a date: the next time of day is never late' })
  return problems
}
