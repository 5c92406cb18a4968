import { Type, validateTemplate, type Problem, type Static } from '@kairos/sdk'
import { isTemplate } from './render-values.ts'

/** Set, unset and add to attributes; any of the three, at least one change in all. */
export const UpdateContactConfig = Type.Object(
  {
    set: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Attribute → value. Text containing {{ }} or {% %} is a Liquid template, rendered for the contact',
      }),
    ),
    unset: Type.Optional(Type.Array(Type.String(), { uniqueItems: true, description: 'Attributes to remove' })),
    increment: Type.Optional(
      Type.Record(Type.String(), Type.Number(), { description: 'Attribute → amount to add (negative subtracts), e.g. lead_score: 10' }),
    ),
  },
  { additionalProperties: false },
)
export type UpdateContactConfig = Static<typeof UpdateContactConfig>

// Top-level keys only: `a.b` would be a literal key to the contact store but a path to conditions and templates.
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/
// Fields of the contact itself, which templates show beside the attributes and which other nodes own.
const CONTACT_FIELDS: Record<string, string> = {
  id: 'the contact id',
  externalId: 'the external id',
  tags: 'tags (use the tag node)',
  ownerId: 'the owner (use assign.sales)',
}

function nameProblem(name: string, field: string): Problem | null {
  // Own keys only: an attribute may be called "constructor" or "toString" (a plain lookup refused
  // them as Object's own functions); __proto__ stays refused, as JSON bodies with it are.
  if (Object.hasOwn(CONTACT_FIELDS, name)) return { field, message: `"${name}" is ${CONTACT_FIELDS[name]}, not an attribute` }
  if (name === '__proto__') return { field, message: '"__proto__" is not an attribute name' }
  if (!ATTRIBUTE.test(name)) return { field, message: `"${name}" is not an attribute name (letters, digits, _ and -, starting with a letter or _)` }
  return null
}

/**
 * At least one change, attribute names that are plain keys, no attribute
 * changed two ways at once, and every template parses.
 */
export function validateUpdateContact(config: UpdateContactConfig): Problem[] {
  const changes = [
    ...Object.keys(config.set ?? {}).map((name) => ({ name, field: `config.set.${name}`, kind: 'set' })),
    ...(config.unset ?? []).map((name, i) => ({ name, field: `config.unset[${i}]`, kind: 'unset' })),
    ...Object.keys(config.increment ?? {}).map((name) => ({ name, field: `config.increment.${name}`, kind: 'increment' })),
  ]
  if (changes.length === 0) return [{ field: 'config', message: 'set, unset or increment at least one attribute' }]
  const problems: Problem[] = []
  const changedBy = new Map<string, string>()
  for (const { name, field, kind } of changes) {
    const problem = nameProblem(name, field)
    if (problem) problems.push(problem)
    const earlier = changedBy.get(name)
    if (earlier) problems.push({ field, message: `"${name}" is also in ${earlier}: change each attribute one way` })
    changedBy.set(name, kind)
  }
  for (const [name, value] of Object.entries(config.set ?? {}))
    if (isTemplate(value)) problems.push(...validateTemplate(value, `config.set.${name}`))
  return problems
}
