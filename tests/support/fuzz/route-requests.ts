import fc from 'fast-check'
import type { AccessRoute } from '@kairos/server'
import { applyMutations, mutation, nastyValue } from './mutate.ts'
import { valueOf, type Hints, type JsonSchema } from './schema-arbitrary.ts'

/** One generated request, as sent (`payload` is the raw body) and as printed on failure. */
export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
  /** How the body was made, for the report: `json`, `raw`, `none`, `huge`. */
  bodyKind: string
}

/** What generation knows of a route besides its schema: values for its path parameters. */
export interface RouteHints extends Hints {
  /** Real ids for `param` of `route` (e.g. a flow's id for /api/flows/:id). */
  params?: (route: AccessRoute, param: string) => fc.Arbitrary<string> | undefined
  /** Whole bodies for a route (`'POST /api/events'`), where one field decides what the others must be. */
  bodies?: Record<string, fc.Arbitrary<unknown>>
}

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> }
}
export type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> }

/** The OpenAPI operation of a route from the access table (`:id` there, `{id}` in the document). */
export function operationOf(doc: OpenApiDocument, route: AccessRoute): OpenApiOperation | undefined {
  const path = route.url.replace(/:(\w+)/g, '{$1}')
  const method = route.method === 'HEAD' ? 'get' : route.method.toLowerCase()
  return doc.paths[path]?.[method]
}

/**
 * `encodeURIComponent`, except that a lone surrogate (which it refuses) is sent as its 3 bytes
 * of WTF-8 (`\ud800` → `%ED%A0%80`), as a careless client would: a URL that is not UTF-8.
 */
export function encode(text: string): string {
  if (text.isWellFormed()) return encodeURIComponent(text)
  return text.replace(/[\s\S]/gu, (char) => {
    const unit = char.charCodeAt(0)
    if (char.length === 2 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(char)
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
  })
}

/** Path segments that are odd as they stand (sent without encoding): traversal, bad escapes, separators. */
const RAW_SEGMENTS = ['..', '.', '%2e%2e', '%2F', '..%2F..%2Fetc', '%ZZ', '%', '%ED%A0%80', '%C0%AE', '%00', '%20', ';', ',', '*', '~', '%F0%9F%8E%89', '%E6%BC%A2', 'a%2Fb', '%25']

function pathValue(route: AccessRoute, param: string, schema: JsonSchema | undefined, hints: RouteHints): fc.Arbitrary<string> {
  const encoded = (a: fc.Arbitrary<unknown>) => a.map((v) => encode(typeof v === 'string' ? v : JSON.stringify(v)))
  const real = hints.params?.(route, param)
  return fc.oneof(
    ...(real ? [{ weight: 5, arbitrary: real.map(encode) }] : []),
    { weight: 2, arbitrary: encoded(valueOf(schema, hints)) },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
    { weight: 1, arbitrary: encoded(nastyValue.filter((v) => typeof v === 'string' || typeof v === 'number')) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: fc.integer({ min: 65, max: 5000 }).map((n) => 'x'.repeat(n)) },
  )
}

type QueryEntry = [string, string]

const queryText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

/** Query entries: the schema's parameters (required ones always), then duplicates, unknown keys, brackets, raw text. */
function queryOf(parameters: NonNullable<OpenApiOperation['parameters']>, hints: RouteHints): fc.Arbitrary<string> {
  const declared = parameters.filter((p) => p.in === 'query')
  const entries = declared.map((p) => {
    const hint = hints.properties?.[p.name]
    const own = valueOf(p.schema, hints)
    const entry = fc.oneof({ weight: 4, arbitrary: hint ? fc.oneof(hint, own) : own }, { weight: 1, arbitrary: nastyValue }).map((v): QueryEntry => [p.name, queryText(v)])
    return p.required ? entry : fc.oneof(fc.constant(undefined), entry)
  })
  const names = declared.map((p) => p.name).concat('unknown', '__proto__', 'constructor', 'a[b]', 'limit[]', '')
  const extra = fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...names), nastyValue.map(queryText)),
      fc.tuple(fc.constantFrom(...names), valueOf({ type: 'string' }).map(queryText)),
    ),
    { maxLength: 3 },
  )
  const raw = fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('&&', '=x', 'limit', 'limit=%ZZ', 'q=%ED%A0%80', 'limit=1&limit=2') })
  return fc
    .record({ entries: fc.tuple(...entries), extra: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra }), raw })
    .map(({ entries, extra, raw }) => {
      const all = (entries.filter(Boolean) as QueryEntry[]).concat(extra)
      const text = all.map(([k, v]) => `${encode(k)}=${encode(v)}`)
      if (raw) text.push(raw)
      return text.length > 0 ? `?${text.join('&')}` : ''
    })
}

/** 6 MB of JSON, past the app's 5 MiB body limit (made once: every POST route shares it). */
const HUGE_BODY = `[${'1,'.repeat(3_000_000)}1]`

const RAW_BODIES = ['', '{', '{"a":1,}', 'null', '"text"', '42', '[1,2', '\u0000', '{"a": 1e999}', '{"name": -1e999}', '{"__proto__": {"x": 1}}', '{"a":1,"a":2}', '\ufeff{}', 'true']

function bodyOf(route: AccessRoute, operation: OpenApiOperation | undefined, hints: RouteHints): fc.Arbitrary<Pick<FuzzRequest, 'payload' | 'bodyKind' | 'headers'>> {
  const schema = operation?.requestBody?.content?.['application/json']?.schema
  const hint = hints.bodies?.[`${route.method} ${route.url}`]
  const shaped = hint ? fc.oneof(valueOf(schema, hints), hint) : valueOf(schema, hints)
  const value = fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 6, arbitrary: fc.tuple(shaped, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => applyMutations(v, ms)) },
  )
  const json = { 'content-type': 'application/json' }
  return fc.oneof(
    { weight: 90, arbitrary: value.map((v) => ({ payload: JSON.stringify(v) ?? 'null', bodyKind: 'json', headers: json })) },
    { weight: schema ? 5 : 20, arbitrary: fc.constant({ payload: undefined, bodyKind: 'none', headers: {} }) },
    { weight: 5, arbitrary: fc.constantFrom(...RAW_BODIES).map((payload) => ({ payload, bodyKind: 'raw', headers: json })) },
    {
      weight: 5,
      arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/json; charset=utf-16').chain((type) =>
        value.map((v) => ({ payload: JSON.stringify(v) ?? 'null', bodyKind: `as ${type}`, headers: { 'content-type': type } })),
      ),
    },
    // Past the 5 MiB body limit: rare (each costs as much as a thousand other bodies), POST routes only.
    ...(route.method === 'POST' ? [{ weight: 1, arbitrary: fc.constant({ payload: HUGE_BODY, bodyKind: 'huge', headers: json }) }] : []),
  )
}

/**
 * Requests for one route of the app's own table, shaped by its OpenAPI operation: path
 * parameters (real ids, schema-shaped, odd), a query string and, for methods with a body,
 * mostly schema-shaped JSON bent by mutations.
 */
export function requestsFor(route: AccessRoute, doc: OpenApiDocument, hints: RouteHints): fc.Arbitrary<FuzzRequest> {
  const operation = operationOf(doc, route)
  const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1])
  const paramSchema = (name: string) => operation?.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema
  const path = fc.tuple(...params.map((p) => pathValue(route, p, paramSchema(p), hints))).map((values) => {
    let i = 0
    return route.url.replace(/:(\w+)/g, () => values[i++]).replace(/\*$/, 'index.html')
  })
  const withBody = !['GET', 'HEAD'].includes(route.method)
  const body = withBody ? bodyOf(route, operation, hints) : fc.constant({ payload: undefined, bodyKind: 'none', headers: {} })
  return fc.record({ path, query: queryOf(operation?.parameters ?? [], hints), body }).map(({ path, query, body }) => ({
    method: route.method,
    url: path + query,
    headers: body.headers,
    payload: body.payload,
    bodyKind: body.bodyKind,
  }))
}
