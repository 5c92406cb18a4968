import { ConditionSchema, Duration, Type, validateCondition, validateTemplate, type Problem, type Static } from '@kairos/sdk'

/** A routing rule: when `when` holds for the contact, pick a rep from `team` (region → team). */
export const TeamRule = Type.Object(
  {
    when: ConditionSchema,
    team: Type.String({ minLength: 1, description: 'Team to pick a rep from when the condition holds' }),
  },
  { additionalProperties: false },
)
export type TeamRule = Static<typeof TeamRule>

/** The follow-up task created for the assigned rep; `title` and `notes` see `rep` beside `contact`. */
export const FollowUpTask = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500, format: 'kairos-template', description: 'Task title (Liquid; {{ rep.name }} is the assigned rep)' }),
    due: Duration,
    notes: Type.Optional(Type.String({ maxLength: 5000, format: 'kairos-template', description: 'Task notes (Liquid)' })),
  },
  { additionalProperties: false },
)
export type FollowUpTask = Static<typeof FollowUpTask>

/**
 * assign.sales config. Defaults: `strategy` round_robin, `keepOwner` true, no
 * team (every available rep), no rules, no task.
 */
export const AssignSalesConfig = Type.Object(
  {
    strategy: Type.Union([Type.Literal('round_robin'), Type.Literal('fewest_open_tasks')], {
      default: 'round_robin',
      description: 'round_robin: the rep assigned longest ago; fewest_open_tasks: the rep with the fewest open tasks',
    }),
    team: Type.Optional(Type.String({ minLength: 1, description: 'Only reps of this team (when no rule picks one)' })),
    rules: Type.Optional(Type.Array(TeamRule, { description: 'The first rule whose condition holds picks the team' })),
    keepOwner: Type.Boolean({ default: true, description: 'Keep the current owner when they are available' }),
    task: Type.Optional(FollowUpTask),
  },
  { additionalProperties: false },
)
export type AssignSalesConfig = Static<typeof AssignSalesConfig>

/** Publish-time checks the schema cannot make: rule conditions and task templates. */
export function validateAssignSales(config: AssignSalesConfig): Problem[] {
  const problems: Problem[] = []
  config.rules?.forEach((rule, i) => problems.push(...validateCondition(rule.when, `config.rules[${i}].when`)))
  if (config.task) {
    problems.push(...validateTemplate(config.task.title, 'config.task.title'))
    if (config.task.notes !== undefined) problems.push(...validateTemplate(config.task.notes, 'config.task.notes'))
  }
  return problems
}
