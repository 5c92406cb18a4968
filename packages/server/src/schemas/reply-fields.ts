import { Type, type Static, type TSchema } from 'typebox'

// Building blocks of response schemas. Fastify serializes every reply with its route's
// schema (fast-json-stringify), which drops properties the schema does not declare and
// coerces types: a reply schema must name every field the handler returns.

/** A timestamp as the API sends it: `Date#toISOString()`. */
export const DateTime = Type.String({ format: 'date-time' })

/**
 * `schema` or null, shown in the OpenAPI document as `nullable`. A string, number or boolean
 * becomes `type: [type, 'null']`, which the serializer writes directly; anything else an
 * `anyOf`, which it compiles a validator for at start (per route: startup time adds up).
 */
export function Nullable<T extends TSchema>(schema: T) {
  const { type } = schema as { type?: unknown }
  if (typeof type === 'string' && ['string', 'number', 'integer', 'boolean'].includes(type) && !('anyOf' in schema))
    return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] })
  return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]))
}

/**
 * A string of a closed set (a status the database constrains, a code of the catalog), as one
 * `{ type: 'string', enum }`: a union of literals would be an `anyOf` the serializer tries
 * alternative by alternative, on every item of a list. Typed `string` on the server, whose
 * rows read it as text; the OpenAPI document, and so the editor's types, list the values,
 * and the tests' contract check holds replies to them.
 */
export const OneOf = (values: readonly string[], options: { description?: string } = {}) =>
  Type.Unsafe<string>({ type: 'string', enum: [...values], ...options })

/** An object whose keys and values are the caller's or a plugin's (attributes, a node's config, a JSON Schema). */
export const OpenObject = Type.Record(Type.String(), Type.Unknown())

/** 204: nothing in the body (typed void, so the handler calls `reply.send()`). */
export const NoContent = Type.Unsafe<void>({ type: 'null', description: 'No content' })

type Json = Record<string, unknown>

/**
 * `schema` as a reply carries it: a field the request may leave out because the server fills
 * in its `default` is always there in a reply, so it is listed as required (at every depth).
 * `T` is the filled type (the engine's `FlowGraph`, say, whose `Filled` fields are required).
 */
export function filled<T>(schema: TSchema): ReturnType<typeof Type.Unsafe<T>> {
  return Type.Unsafe<T>(requireDefaults(schema as unknown as Json) as TSchema)
}

function requireDefaults(schema: Json): Json {
  const copy: Json = { ...schema }
  if (schema.properties && typeof schema.properties === 'object') {
    const properties = Object.entries(schema.properties as Record<string, Json>)
    copy.properties = Object.fromEntries(properties.map(([key, value]) => [key, requireDefaults(value)]))
    const defaulted = properties.filter(([, value]) => value.default !== undefined).map(([key]) => key)
    const required = new Set([...((schema.required as string[] | undefined) ?? []), ...defaulted])
    if (required.size > 0) copy.required = [...required]
  }
  if (schema.items && typeof schema.items === 'object') copy.items = requireDefaults(schema.items as Json)
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    if (Array.isArray(schema[key])) copy[key] = (schema[key] as Json[]).map(requireDefaults)
  return copy
}
