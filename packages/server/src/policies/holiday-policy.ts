import { Type, type Static } from 'typebox'

/**
 * Keeps marketing messages off days a holiday calendar (GET /api/calendars)
 * marks: `avoid: 'holidays'` only the public holidays; `avoid: 'non-workdays'`
 * the holidays and the weekends, except make-up workdays (调休), which count
 * as workdays. A message due on such a day (in the contact's timezone) is
 * deferred to the start of the next allowed day, then out of quiet hours.
 */
export const HolidayPolicy = Type.Object(
  {
    calendar: Type.String({ minLength: 1, maxLength: 64, description: 'The uploaded calendar, e.g. cn-mainland' }),
    avoid: Type.Optional(
      Type.Union([Type.Literal('holidays'), Type.Literal('non-workdays')], { description: 'holidays (the default): public holidays only; non-workdays: weekends too, make-up workdays excepted' }),
    ),
  },
  { additionalProperties: false },
)
/** `avoid` may be absent: ajv fills no defaults inside the `HolidayPolicy | null` union, so readers default it. */
export type HolidayPolicy = Static<typeof HolidayPolicy>
