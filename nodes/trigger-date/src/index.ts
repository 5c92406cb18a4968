import {
  ConditionSchema,
  DayOffset,
  defineNode,
  goTo,
  isDayOffset,
  isTimeZone,
  parseDayOffset,
  TimeOfDay,
  Type,
  validateCondition,
  type Problem,
  type Static,
} from '@kairos/sdk'
import { i18n } from './i18n.ts'

const DateConfig = Type.Object(
  {
    attribute: Type.String({ minLength: 1, description: 'Contact attribute holding the date, e.g. birthday or subscription_end' }),
    offset: Type.Optional({ ...DayOffset, default: '0d' }),
    at: TimeOfDay,
    repeat: Type.Union([Type.Literal('once'), Type.Literal('yearly')], {
      default: 'once',
      description: 'once: on the date itself (subscription_end); yearly: every year on its month and day (birthday)',
    }),
    timezone: Type.Optional(
      Type.String({ minLength: 1, description: "IANA timezone for contacts without a valid timezone attribute; default: the flow's" }),
    ),
    condition: Type.Optional({ ...ConditionSchema, description: 'Only contacts matching this when the moment comes (e.g. tier is premium)' }),
  },
  { additionalProperties: false },
)
type DateConfig = Static<typeof DateConfig>

function validate(config: DateConfig): Problem[] {
  const problems: Problem[] = []
  if (config.offset !== undefined && !isDayOffset(config.offset))
    problems.push({ field: 'config.offset', message: 'must be whole days, at most 3650 either way (e.g. -3d, 0d, +7d)' })
  if (config.timezone !== undefined && !isTimeZone(config.timezone))
    problems.push({ field: 'config.timezone', message: `"${config.timezone}" is not a known IANA timezone` })
  if (config.condition !== undefined) problems.push(...validateCondition(config.condition, 'config.condition'))
  return problems
}

/**
 * Enters each contact at a moment derived from one of its date attributes:
 * `birthday` every year at 09:00, `subscription_end` minus 3 days at 09:00,
 * `signed_up_at` plus 7 days. The moment is read in the contact's own
 * timezone; the server keeps each contact's next moment up to date as the
 * attribute changes, so a moved date fires on the new day and not twice.
 */
export default defineNode({
  type: 'trigger.date',
  version: 1,
  title: 'On a date',
  category: 'trigger',
  description: "A contact enters at a time of day on a date attribute's day, moved by whole days, in the contact's timezone.",
  i18n,
  config: DateConfig,
  ports: ['next'],
  trigger: {
    kind: 'date',
    date: (config) => ({
      attribute: config.attribute,
      offsetDays: parseDayOffset(config.offset ?? '0d'),
      at: config.at,
      repeat: config.repeat ?? 'once',
      timezone: config.timezone,
      condition: config.condition,
    }),
  },
  validate,
  run: () => goTo('next'),
})
