// Reading node config schemas (JSON Schema from TypeBox) to pick a form widget and a
// starting value. No node ships editor code: everything a form needs is in its schema.
import type { JsonSchema } from '../api/types.ts'

export type FieldKind =
  | 'text'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'duration'
  | 'time-of-day'
  | 'timezone'
  | 'template'
  | 'condition'
  | 'segment'
  | 'channel'
  | 'sms-template'
  | 'scalar'
  | 'string-list'
  | 'enum-list'
  | 'array'
  | 'object'
  | 'map'
  | 'json'

/** The options of an enum field: `enum: [...]` or a union of `const`s (TypeBox's Literal union). */
export function enumOptions(schema: JsonSchema): unknown[] | null {
  if (Array.isArray(schema.enum)) return schema.enum
  const union = schema.anyOf ?? schema.oneOf
  if (union && union.length > 0 && union.every((s) => 'const' in s)) return union.map((s) => s.const)
  return null
}

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null'])

/**
 * The plain JSON types a value of this schema may take when it is a union of them
 * (`anyOf: [string, number, boolean, null]`, or `type: ['string', 'number']`): a value
 * compared with an attribute, such as trigger.change's `from` and `to`. Null otherwise.
 */
export function scalarTypes(schema: JsonSchema): string[] | null {
  const union = schema.anyOf ?? schema.oneOf
  const types = union
    ? union.every((s) => typeof s.type === 'string' && !('const' in s) && !s.enum && !s.format && !s.pattern) ? union.map((s) => s.type as string) : null
    : Array.isArray(schema.type) ? schema.type : null
  return types && types.length > 1 && types.every((t) => SCALAR_TYPES.has(t)) ? types : null
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
}

/** Which widget draws a value of this schema (`key`: the property it is, for names that say it). */
export function fieldKind(schema: JsonSchema, key = ''): FieldKind {
  // A channel's name, picked among the configured channels of the kind the step needs.
  if (typeof schema['x-kairos-channel'] === 'string' || Array.isArray(schema['x-kairos-channel'])) return 'channel'
  if (schema['x-kairos-widget'] === 'sms-template') return 'sms-template'
  if (schema['x-kairos-widget'] === 'condition') return 'condition'
  if (schema['x-kairos-widget'] === 'segment') return 'segment'
  if (enumOptions(schema)) return 'enum'
  // `type: ['string', 'null']` keeps the string's widget; a mix of types, or any union of
  // them (where the JSON fallback would make the operator type `"lead"` with quotes), gets
  // one input that reads literals.
  const scalars = scalarTypes(schema)
  if (scalars && (scalars.filter((t) => t !== 'null').length > 1 || schema.type === undefined)) return 'scalar'
  const type = typeOf(schema)
  if (type === 'string') {
    if (schema.format === 'kairos-duration') return 'duration'
    if (schema.format === 'kairos-template') return 'template'
    if (schema.format === 'kairos-time-of-day' || schema.format === 'time' || schema.pattern === '^([01]\\d|2[0-3]):[0-5]\\d$') return 'time-of-day'
    // Every node's `timezone` is an IANA zone name (schedule, date, wait until).
    if (key === 'timezone' || schema.format === 'kairos-timezone') return 'timezone'
    return 'text'
  }
  if (type === 'number') return 'number'
  if (type === 'integer') return 'integer'
  if (type === 'boolean') return 'boolean'
  if (type === 'array') {
    const items = schema.items ?? {}
    const itemKind = fieldKind(items)
    if (itemKind === 'enum') return 'enum-list'
    return itemKind === 'text' ? 'string-list' : 'array'
  }
  if (type === 'object') {
    if (schema.properties && Object.keys(schema.properties).length > 0) return 'object'
    if (schema.patternProperties || schema.additionalProperties === undefined || typeof schema.additionalProperties === 'object') return 'map'
    return 'json'
  }
  return 'json'
}

/** A port name field (branch `port`, `otherwise`): its value names an output handle. */
export function isPortField(key: string, schema: JsonSchema): boolean {
  return schema['x-kairos-port'] === true || (typeOf(schema) === 'string' && (key === 'port' || key === 'otherwise' || schema.description === 'Port name'))
}

/** A first value for a new node or a new list item: defaults, then something valid-looking. */
export function initialValue(schema: JsonSchema, key = '', required = true): unknown {
  // JSON copy: schemas come from reactive state, and structuredClone refuses proxies.
  if (schema.default !== undefined) return JSON.parse(JSON.stringify(schema.default))
  if (!required) return undefined
  const kind = fieldKind(schema, key)
  switch (kind) {
    case 'condition':
      return { all: [] }
    case 'enum':
      return enumOptions(schema)?.[0]
    case 'boolean':
      return false
    case 'number':
    case 'integer':
      return schema.minimum ?? 0
    case 'duration':
      return '1h'
    case 'time-of-day':
      return '09:00'
    case 'string-list':
    case 'enum-list':
      return []
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => initialValue(schema.items ?? {}, key))
    case 'object':
      return initialObject(schema)
    case 'map':
      return {}
    case 'json':
      return null
    case 'scalar':
      return ''
    default:
      return isPortField(key, schema) ? (key === 'otherwise' ? 'no' : 'yes') : ''
  }
}

/** An object with each required property (and each property that has a default) filled in. */
export function initialObject(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const value = initialValue(prop, key, (schema.required ?? []).includes(key))
    if (value !== undefined) out[key] = value
  }
  return out
}

/** "sendAt" / "send_at" → "Send at", for fields without a title. */
export function labelFor(key: string, schema: JsonSchema): string {
  if (schema.title) return schema.title
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** "branches" → "branch", "rules" → "rule", "arms" → "arm": the word for one item of a list. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y')
  if (/(ch|sh|ss|x)es$/.test(word)) return word.replace(/es$/, '')
  return word.replace(/s$/, '')
}
