import { Duration, Type, validateTemplate, type Problem, type Static } from '@kairos/sdk'

/** A duration field with its own default (the shared `Duration` schema has none). */
const duration = (fallback: string, description: string) => Type.String({ ...Duration, default: fallback, description })

/**
 * call config. Task mode (default) uses `title` and `due`; provider mode uses
 * `channel` (required there), `script` and `to`. Both wait `timeout` (default
 * 2d) for the outcome.
 */
export const CallConfig = Type.Object(
  {
    mode: Type.Union([Type.Literal('task'), Type.Literal('provider')], {
      default: 'task',
      description: "task: a call task for the contact's owner; provider: place the call through a call.http channel",
    }),
    title: Type.String({
      minLength: 1, maxLength: 500, format: 'kairos-template', default: 'Call {{ contact.name }}',
      description: 'Task mode: the call task title (Liquid; {{ rep.name }} is the owner)',
    }),
    due: duration('1d', 'Task mode: when the call task is due, from now'),
    channel: Type.Optional(Type.String({ minLength: 1, 'x-kairos-channel': 'call.http', description: 'Provider mode: the call.http channel to place the call through' })),
    script: Type.Optional(Type.String({ maxLength: 5000, format: 'kairos-template', description: 'Provider mode: what the provider says or shows its agent (Liquid)' })),
    to: Type.String({ minLength: 1, default: 'phone', description: 'Contact attribute holding the number to call' }),
    timeout: duration('2d', 'How long to wait for the outcome before going on through "timeout"'),
  },
  { additionalProperties: false },
)
export type CallConfig = Static<typeof CallConfig>

/** Publish-time checks: templates parse, and provider mode names its channel. */
export function validateCall(config: CallConfig): Problem[] {
  const problems = validateTemplate(config.title, 'config.title')
  if (config.script !== undefined) problems.push(...validateTemplate(config.script, 'config.script'))
  if (config.mode === 'provider' && config.channel === undefined)
    problems.push({ field: 'config.channel', message: 'is required in provider mode (a call.http channel)' })
  return problems
}
