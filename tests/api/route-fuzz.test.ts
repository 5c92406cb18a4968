import fc from 'fast-check'
import type { AccessRoute } from '@kairos/server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ERROR_CODES } from '../../packages/server/src/errors.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { prepareFuzzWorkspace, type Protected } from '../support/fuzz/fuzz-workspace.ts'
import { operationOf, requestsFor, type FuzzRequest, type OpenApiDocument, type RouteHints } from '../support/fuzz/route-requests.ts'

// Property-based fuzzing of every route in the app's own route table (not a hand-made list: a
// route added tomorrow is fuzzed without a line here), as the administrator. Requests are
// shaped by each route's OpenAPI schema and then bent (wrong types, missing and extra fields,
// odd path segments, duplicate query keys, raw and oversized bodies). Every answer must be
// below 500, and every 4xx must be a catalog error that says what was wrong (`verdict`).
//
// Deterministic: FUZZ_SEED (default below) seeds route i with FUZZ_SEED + i. To vary it locally:
//   FUZZ_SEED=123 FUZZ_RUNS=10000 pnpm exec vitest run tests/api/route-fuzz.test.ts
// A failure prints the request in full, and FUZZ_ROUTE='POST /api/events' FUZZ_PATH=… replays
// one route's counterexample (FUZZ_SHRINK=1 shrinks it first; off by default, as shrinking
// against a stateful server costs time and finds state-dependent minima).

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_302)
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 2000)
const ONLY_ROUTE = process.env.FUZZ_ROUTE
const REPLAY_PATH = process.env.FUZZ_PATH
const SHRINK = process.env.FUZZ_SHRINK === '1'

/** A field named by an error: `body.graph.nodes[0].id`, `querystring.limit`, `params.id`, `url`; its root is the part of the request. */
const FIELD = /^(body|querystring|params|url|headers)([.[]|$)/

/** The parts of `request` a field may name: a body only where one was sent or the route takes one, and so on. */
function partsOf(route: AccessRoute, request: FuzzRequest): Set<string> {
  const operation = operationOf(doc, route)
  const parts = new Set(['url', 'headers'])
  if (request.payload !== undefined || operation?.requestBody) parts.add('body')
  if (request.url.includes('?') || operation?.parameters?.some((p) => p.in === 'query')) parts.add('querystring')
  if (route.url.includes(':') || route.url.includes('*')) parts.add('params')
  return parts
}

/** Tables a refused request must leave as they were (the worker, running beside, writes none of them). */
const UNCHANGED = ['flows', 'flow_versions', 'segments', 'sales_reps', 'coupon_pools', 'coupon_codes', 'channels', 'users', 'api_keys', 'policies', 'audit_log']

/** How many keys Object.prototype has before the run; a request that adds one polluted every object in the process. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).length

let kairos: TestKairos
let doc: OpenApiDocument
let hints: RouteHints
let guarded: Protected
let remember: Awaited<ReturnType<typeof prepareFuzzWorkspace>>['remember']

beforeAll(async () => {
  kairos = await startTestKairos()
  ;({ hints, remember, protected: guarded } = await prepareFuzzWorkspace(kairos))
  doc = (kairos.app as unknown as { swagger(): OpenApiDocument }).swagger()
})
afterAll(() => kairos?.stop())

/**
 * Requests left out because their effect would end the run rather than test the route; the
 * routes themselves are fuzzed with every other id:
 * - PATCH /api/users/<the administrator>: disabling or demoting the one admin leaves the
 *   workspace without one (the fuzzer's key would still work, but later sessions would not).
 * - DELETE /api/api-keys/<the fuzzer's key>: every later request would be a 401.
 * Hints never name these ids; this also catches them spelled otherwise (upper case, encoded).
 * Not skipped: POST /api/auth/logout (a Bearer key has no session to end), /api/auth/setup
 * (a 409: the workspace has its admin), /api/auth/password (a 403: a key has no password).
 */
function touchesProtected(request: FuzzRequest): boolean {
  let path: string
  try {
    path = decodeURIComponent(request.url.split('?')[0]).toLowerCase()
  } catch {
    return false
  }
  return (
    (request.method === 'PATCH' && path.includes(guarded.adminUserId.toLowerCase())) ||
    (request.method === 'DELETE' && path.startsWith('/api/api-keys') && path.includes(guarded.fuzzerKeyId.toLowerCase()))
  )
}

/**
 * Why an answer is wrong, or undefined when it is right. Under 500 always. A 4xx is
 * `{ error: { code, message, details } }` with a code from the catalog and that code's status,
 * and then by status:
 * - 400 names a field: a `KAIROS_VALIDATION` detail whose field is in the request (`body…`,
 *   `querystring…`, `params…`, `url`, `headers…`), and in a part this request has (no `body`
 *   for a GET, no `params` for a route without); a `KAIROS_FLOW_INVALID` lists problems,
 *   each with its field in the stored graph (publish checks the draft, not the request).
 * - 401 only from login (a wrong password); anywhere else the fuzzer's own key was refused.
 * - 403 only from /api/auth/password (an API key has no password); the admin may do the rest.
 * - 404, 409, 429 say what is missing, in conflict or too frequent in the message: no field.
 * - Any other 4xx (413 body too large, 414 parameter too long, 415 not JSON) names a field as a 400 does.
 */
function verdict(route: AccessRoute, request: FuzzRequest, status: number, text: string): string | undefined {
  if (status >= 500) return `answered ${status}`
  if (status < 400 || route.method === 'HEAD') return undefined
  // A status the route documents in another media type (a tracked link's 404 page, its pixel's GIF)
  // is held to its document by the contract check, not to the JSON error shape.
  const documented = (operationOf(doc, route) as { responses?: Record<string, { content?: Record<string, unknown> }> } | undefined)?.responses?.[String(status)]?.content
  if (documented && !('application/json' in documented)) return undefined
  let error: { code?: unknown; message?: unknown; details?: Array<{ field?: unknown; node?: unknown }> } | undefined
  try {
    error = JSON.parse(text).error
  } catch {
    return `${status} with a body that is not JSON`
  }
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || !Array.isArray(error.details))
    return `${status} without the { error: { code, message, details } } shape`
  const catalogStatus = (ERROR_CODES as Record<string, number>)[error.code]
  if (catalogStatus === undefined) return `${status} with code ${error.code}, which is not in the error catalog (errors.ts)`
  if (catalogStatus !== status) return `${status} with code ${error.code}, which the catalog gives ${catalogStatus}`
  if (error.message.trim() === '') return `${status} with an empty message`
  const name = `${route.method} ${route.url}`
  const parts = partsOf(route, request)
  const namesField = error.details.some((d) => typeof d.field === 'string' && FIELD.test(d.field) && parts.has(d.field.match(FIELD)![1]))
  switch (status) {
    case 400:
      if (error.code === 'KAIROS_FLOW_INVALID')
        return error.details.length > 0 && error.details.every((d) => typeof d.field === 'string' && d.field !== '') ? undefined : 'KAIROS_FLOW_INVALID without a field on every problem'
      return namesField ? undefined : `400 that names no field of this request (details[].field in ${[...parts].join(', ')})`
    case 401:
      return name === 'POST /api/auth/login' ? undefined : "401: the fuzzer's own key was refused"
    case 403:
      return name === 'POST /api/auth/password' ? undefined : '403 to the administrator'
    case 404:
    case 409:
    case 429:
      return undefined
    default:
      return namesField ? undefined : `${status} that names no field of this request (details[].field in ${[...parts].join(', ')})`
  }
}

const counts = async () =>
  (await kairos.core.database.pool.query(`select ${UNCHANGED.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ')}`)).rows[0] as Record<string, number>

/** Text for the report: control characters escaped (a raw NUL would make the log binary), long text cut in the middle. */
function clip(text: string | undefined, max = 600): string {
  if (text === undefined) return '(none)'
  const shown = text.length > max ? `${text.slice(0, max / 2)} … (${text.length} characters) … ${text.slice(-max / 4)}` : text
  return shown.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** How many runs each route gets: more where there is more to generate (a body, a query string, path parameters). */
function allocate(routes: AccessRoute[], total: number): number[] {
  const weights = routes.map((route) => {
    const operation = operationOf(doc, route)
    const query = operation?.parameters?.some((p) => p.in === 'query') ?? false
    return (route.method === 'HEAD' ? 1 : 2) + (operation?.requestBody ? 6 : 0) + (query ? 3 : 0) + (route.url.includes(':') ? 1 : 0)
  })
  const sum = weights.reduce((a, b) => a + b, 0)
  const runs = weights.map((w) => Math.max(1, Math.floor((w * total) / sum)))
  // Hand out what flooring left over, heaviest routes first, so the total is exact.
  const order = weights.map((w, i) => [w, i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i)
  for (let k = 0, left = total - runs.reduce((a, b) => a + b, 0); left > 0; k++, left--) runs[order[k % order.length]]++
  return runs
}

it(`answers every route's generated requests below 500, each 4xx naming what was wrong (${TOTAL_RUNS} requests)`, async () => {
  // Routes that delete go last: the records they remove are what the other routes name.
  const routes = [...kairos.app.accessTable].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'))
  expect(routes.length).toBeGreaterThan(100)
  const runs = allocate(routes, TOTAL_RUNS)
  const failures: string[] = []
  let sent = 0
  const statuses = new Map<number, number>()
  const byRoute = new Map<string, number[]>()
  const started = performance.now()  // Date is faked by the harness

  for (const [i, route] of routes.entries()) {
    const name = `${route.method} ${route.url}`
    if (ONLY_ROUTE && ONLY_ROUTE !== name) continue
    const property = fc.asyncProperty(requestsFor(route, doc, hints), async (request) => {
      if (touchesProtected(request)) return
      const write = !['GET', 'HEAD'].includes(route.method)
      const before = write ? await counts() : undefined
      const response = await kairos.app.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: { ...kairos.authHeaders, ...request.headers },
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      })
      sent++
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
      byRoute.set(name, [...(byRoute.get(name) ?? []), response.statusCode])
      remember(request, response.statusCode, response.body)
      if (process.env.FUZZ_LOG) console.info(`${request.method} ${clip(request.url, 120)} ${clip(request.payload, 200)} → ${response.statusCode} ${clip(response.body, 300)}`)
      let problem = verdict(route, request, response.statusCode, response.body)
      // The server runs in this process: a key like __proto__ merged into a plain object would show here.
      if (!problem && Object.getOwnPropertyNames(Object.prototype).length !== PROTOTYPE_KEYS) problem = `Object.prototype was changed: ${Object.getOwnPropertyNames(Object.prototype).join(', ')}`
      if (!problem && before && response.statusCode >= 400 && !(response.statusCode === 401 && name === 'POST /api/auth/login')) {
        const after = await counts()
        const changed = UNCHANGED.filter((t) => after[t] !== before[t])
        if (changed.length > 0) problem = `${response.statusCode}, yet rows were written to ${changed.join(', ')}`
      }
      if (problem)
        throw new Error(
          [`${name}: ${problem}`, `  request: ${request.method} ${clip(request.url, 300)}`, `  content-type: ${request.headers['content-type'] ?? '(none)'} (${request.bodyKind})`,
            `  body: ${clip(request.payload, 1500)}`, `  answer: ${response.statusCode} ${clip(response.body)}`].join('\n'),
        )
    })
    const seed = SEED + i
    const details = await fc.check(property, { seed, numRuns: runs[i], endOnFailure: !SHRINK, ...(REPLAY_PATH && ONLY_ROUTE ? { path: REPLAY_PATH } : {}) })
    if (details.failed)
      failures.push(`${(details.errorInstance as Error)?.message ?? String(details.errorInstance)}\n  replay: FUZZ_SEED=${SEED} FUZZ_ROUTE='${name}' FUZZ_PATH=${details.counterexamplePath} (route seed ${seed})`)
  }

  const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')
  console.info(`route fuzz: ${sent} requests over ${routes.length} routes in ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${SEED}: ${summary}`)
  // FUZZ_STATS=1: the statuses of each route, to see which ones generation never gets past validation.
  if (process.env.FUZZ_STATS) {
    for (const [name, codes] of byRoute) console.info(`${name}: ${[...new Set(codes)].sort().map((c) => `${c}×${codes.filter((x) => x === c).length}`).join(' ')}`)
    await kairos.drain()
    const { rows } = await kairos.core.database.pool.query(`select status, count(*)::int as n, array_agg(distinct left(error, 200)) filter (where error is not null) as errors from runs group by status`)
    const steps = await kairos.core.database.pool.query(`select node_type, left(error, 300) as error, count(*)::int as n from steps where error is not null group by 1, 2 order by 3 desc limit 30`)
    console.info('runs', JSON.stringify(rows), '\nstep errors', JSON.stringify(steps.rows, null, 1))
  }
  if (failures.length > 0) throw new Error(`${failures.length} route(s) failed (the first failing request of each):\n\n${failures.join('\n\n')}`)
  if (!ONLY_ROUTE) expect(sent).toBeGreaterThan(TOTAL_RUNS * 0.95)
})
