import { Type, type Problem, type Static } from '@kairos/sdk'

/** The parts of the journey a webhook may carry; all of them by default. */
export const Part = Type.Union([Type.Literal('attributes'), Type.Literal('tags'), Type.Literal('event')])
export type Part = Static<typeof Part>
const PARTS: Part[] = ['attributes', 'tags', 'event']

/** A field of the JSON answer: a name, or a dotted path into nested objects (`lead.score`). */
const ResponsePath = Type.String({ pattern: '^[A-Za-z_][\\w-]*(\\.[\\w-]+)*$', description: 'Field of the JSON answer (dotted path allowed)' })

/**
 * webhook config. The URL and the HMAC secret live in the channel, so a flow
 * never holds them. Defaults: `include` every part; no `merge`.
 */
export const WebhookConfig = Type.Object(
  {
    channel: Type.String({ minLength: 1, 'x-kairos-channel': 'webhook', description: 'The webhook channel (URL and signing secret) to POST to' }),
    include: Type.Array(Part, {
      uniqueItems: true,
      default: [...PARTS],
      description: 'What to send beside the contact id and the run: attributes, tags, the triggering event',
    }),
    merge: Type.Optional(
      Type.Array(ResponsePath, {
        uniqueItems: true,
        maxItems: 50,
        description: 'Fields of the JSON answer to copy onto the contact on success; a path sets the attribute named by its last part',
      }),
    ),
  },
  { additionalProperties: false },
)
export type WebhookConfig = Static<typeof WebhookConfig>

/** The attribute a merged path writes: the server keeps the last part of the path. */
export const attributeOf = (path: string): string => path.slice(path.lastIndexOf('.') + 1)

/**
 * Two paths ending in the same name would write the same attribute, the
 * later silently winning; a trailing number would make an attribute named "0".
 */
export function validateWebhook(config: WebhookConfig): Problem[] {
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  config.merge?.forEach((path, i) => {
    const field = `config.merge[${i}]`
    const attribute = attributeOf(path)
    if (/^\d+$/.test(attribute)) problems.push({ field, message: `must end in a field name, not an index ("${path}")` })
    const earlier = seen.get(attribute)
    if (earlier !== undefined) problems.push({ field, message: `sets attribute "${attribute}" like config.merge[${earlier}]` })
    else seen.set(attribute, i)
  })
  return problems
}
