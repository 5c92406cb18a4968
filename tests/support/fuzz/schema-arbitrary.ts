import fc from 'fast-check'

/** A JSON schema as the OpenAPI document (and TypeBox) writes it; only the keywords generation reads. */
export type JsonSchema = Record<string, any>

/**
 * Values for a property name, a string format or a path parameter, drawn from the workspace
 * (real ids, node types, conditions) so generated requests reach past "not found". A hint is
 * mixed with the schema's own values, never a replacement for them.
 */
export interface Hints {
  properties?: Record<string, fc.Arbitrary<unknown>>
  formats?: Record<string, fc.Arbitrary<string>>
  /** By the schema's `x-kairos-widget` (the SDK's condition schema says only "an object"). */
  widgets?: Record<string, fc.Arbitrary<unknown>>
}

/** Deeper than this, containers are generated empty: the bodies stay small, the guard tests depth itself. */
const MAX_DEPTH = 5

/** Text that is not plain ASCII: CJK, emoji with joiners, right-to-left, combining marks. */
const UNICODE_SAMPLES = ['漢字テスト', '顧客', '👩‍👩‍👧‍👦🎉', 'مرحبا', 'e\u0301', 'İstanbul', 'ß', '\u202egnp.exe']
const unicodeText = fc.constantFrom(...UNICODE_SAMPLES)

function stringOf(schema: JsonSchema, hints: Hints): fc.Arbitrary<string> {
  const format = schema.format as string | undefined
  if (format && hints.formats?.[format]) return hints.formats[format]
  if (format === 'uuid') return fc.uuid()
  if (format === 'date-time') return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString())
  if (format === 'email') return fc.emailAddress().filter((e) => e.length <= 254)
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern))
  const minLength = schema.minLength ?? 0
  const maxLength = Math.min(schema.maxLength ?? 40, minLength + 40)
  // Only the samples that fit the bounds: a filter no sample passes (a minLength of 16, say) makes
  // fast-check draw forever, and the whole fuzz run hangs on that one field.
  const fitting = UNICODE_SAMPLES.filter((s) => s.length >= minLength && s.length <= maxLength)
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
    ...(fitting.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...fitting) }] : []),
  )
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6)
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6)
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

function objectOf(schema: JsonSchema, hints: Hints, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set<string>(schema.required ?? [])
  const shape: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [name, property] of Object.entries(properties)) {
    const own = valueOf(property, hints, depth + 1)
    const hint = hints.properties?.[name]
    shape[name] = hint ? fc.oneof({ weight: 2, arbitrary: hint }, { weight: 1, arbitrary: own }) : own
  }
  const known = fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) })
  // A record (`Type.Record`) is `patternProperties` in TypeBox and `additionalProperties` in the OpenAPI document.
  const extra = schema.additionalProperties ?? Object.values(schema.patternProperties ?? {})[0]
  if (Object.keys(properties).length > 0 || extra === false || extra === undefined) return known
  const values = extra === true || Object.keys(extra).length === 0 ? fc.jsonValue({ maxDepth: 2 }) : valueOf(extra, hints, depth + 1)
  return fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), unicodeText), values, { maxKeys: depth >= MAX_DEPTH ? 0 : 4 })
}

/**
 * An arbitrary of values that satisfy `schema` (mostly: patterns, formats and bounds are
 * honoured; `not`, `if` and cross-field rules are not). Mutations (mutate.ts) then bend them.
 */
export function valueOf(schema: JsonSchema | undefined, hints: Hints = {}, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || Object.keys(schema).filter((k) => k !== 'description' && k !== 'default').length === 0)
    return fc.jsonValue({ maxDepth: Math.max(0, 2 - depth) })
  const widget = hints.widgets?.[schema['x-kairos-widget']]
  if (widget) return fc.oneof({ weight: 3, arbitrary: widget }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) })
  if (schema.nullable === true) return fc.oneof(fc.constant(null), valueOf({ ...schema, nullable: false }, hints, depth))
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum)
  const choices = schema.anyOf ?? schema.oneOf
  if (Array.isArray(choices)) return fc.oneof(...choices.map((choice: JsonSchema) => valueOf({ ...choice }, hints, depth)))
  if (Array.isArray(schema.allOf)) return valueOf(Object.assign({}, ...schema.allOf), hints, depth)
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => valueOf({ ...schema, type }, hints, depth)))
  switch (schema.type) {
    case 'object':
      return objectOf(schema, hints, depth)
    case 'array': {
      const minLength = schema.minItems ?? 0
      const maxLength = depth >= MAX_DEPTH ? minLength : Math.min(schema.maxItems ?? minLength + 3, minLength + 3)
      return fc.array(valueOf(schema.items, hints, depth + 1), { minLength, maxLength })
    }
    case 'string':
      return stringOf(schema, hints)
    case 'integer':
      return numberOf(schema, true)
    case 'number':
      return numberOf(schema, false)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}
