import {
  ConditionSchema,
  cronForTimeOfDay,
  defineNode,
  goTo,
  isTimeZone,
  parseCron,
  TimeOfDay,
  Type,
  validateCondition,
  Weekday,
  type Problem,
  type Static,
} from '@kairos/sdk'
import { i18n } from './i18n.ts'

const ScheduleConfig = Type.Object(
  {
    at: Type.Optional({ ...TimeOfDay, description: 'Every day (or on the days below) at this time, HH:MM' }),
    days: Type.Optional(Type.Array(Weekday, { uniqueItems: true, description: 'Only on these days of the week (with at)' })),
    cron: Type.Optional(Type.String({ minLength: 1, description: 'Or a cron expression, e.g. "0 9 * * 1-5" (instead of at)' })),
    timezone: Type.Optional(Type.String({ minLength: 1, description: "IANA timezone the schedule is read in; default: the flow's" })),
    segment: Type.Optional(
      Type.String({ format: 'uuid', 'x-kairos-widget': 'segment', description: 'Enter the members of this saved segment' }),
    ),
    condition: Type.Optional({ ...ConditionSchema, description: 'Or enter the contacts matching this condition' }),
    everyone: Type.Optional(Type.Boolean({ description: 'Or enter every contact (a daily digest, say)' })),
    missed: Type.Union([Type.Literal('run'), Type.Literal('skip')], {
      default: 'run',
      description: 'A tick missed while Kairos was down: run it once when it is back (run) or skip it',
    }),
  },
  { additionalProperties: false },
)
type ScheduleConfig = Static<typeof ScheduleConfig>

/** The cron expression a config stands for: its own, or one built from `at` and `days`. */
function cronOf(config: ScheduleConfig): string {
  return config.cron ?? cronForTimeOfDay(config.at!, config.days)
}

function validate(config: ScheduleConfig): Problem[] {
  const problems: Problem[] = []
  if ((config.cron === undefined) === (config.at === undefined))
    problems.push({ field: 'config.at', message: 'give either a time of day (at) or a cron expression (cron), not both' })
  if (config.cron !== undefined && config.days?.length)
    problems.push({ field: 'config.days', message: 'days go with at; a cron expression names its own days' })
  if (config.cron !== undefined)
    try {
      parseCron(config.cron)
    } catch (error) {
      problems.push({ field: 'config.cron', message: (error as Error).message })
    }
  if (config.timezone !== undefined && !isTimeZone(config.timezone))
    problems.push({ field: 'config.timezone', message: `"${config.timezone}" is not a known IANA timezone` })
  const audiences = [config.segment !== undefined, config.condition !== undefined, config.everyone === true].filter(Boolean).length
  if (audiences !== 1)
    problems.push({ field: 'config.segment', message: 'give the audience as one of: a segment, a condition, or everyone' })
  if (config.condition !== undefined) problems.push(...validateCondition(config.condition, 'config.condition'))
  return problems
}

/**
 * Enters an audience at every tick of a schedule ("every day at 09:00",
 * "Mondays at 10:00", or cron). The server enqueues each tick once, however
 * many workers run, and enrolls the audience in batches.
 */
export default defineNode({
  type: 'trigger.schedule',
  version: 1,
  title: 'On a schedule',
  category: 'trigger',
  description: 'At each tick (every day at 09:00, Mondays at 10:00, or cron), the members of a segment enter the journey.',
  i18n,
  config: ScheduleConfig,
  ports: ['next'],
  trigger: {
    kind: 'schedule',
    schedule: (config) => ({
      cron: cronOf(config),
      timezone: config.timezone,
      missed: config.missed ?? 'run',
      audience: config.everyone ? { everyone: true } : config.segment !== undefined ? { segment: config.segment } : { condition: config.condition },
    }),
  },
  validate,
  run: () => goTo('next'),
})
