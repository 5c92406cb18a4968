import type { IncomingMessage } from 'node:http'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { OpenApiContract, openApiPath, type OpenApiDocument } from './openapi-contract.ts'

/**
 * Installs the API contract check on a test app (never on a production one): every answer is
 * held to the app's own OpenAPI document (`app.swagger()`), and every property the handler
 * returned must survive serialization. Fastify serializes with the route's response schema,
 * which silently drops what the schema does not declare and coerces what it types otherwise:
 * a `preSerialization` hook keeps the handler's payload, an `onSend` hook compares it with
 * what is sent. `app.inject` then throws, naming route, status and problem, for any answer
 * that broke the contract; `unclaimedViolations` has the rest (answers to real HTTP clients).
 * Call before the app is ready.
 */
export function installContractCheck(app: FastifyInstance): void {
  let contract: OpenApiContract | undefined
  const sent = new WeakMap<FastifyRequest, unknown>()
  const found = new Map<IncomingMessage, string>()

  app.addHook('preSerialization', async (request, _reply, payload) => {
    sent.set(request, JSON.parse(JSON.stringify(payload ?? null)))
    return payload
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url
    // No route (the not-found handler), or one hidden from the document (/docs' own files, the websocket).
    if (route === undefined || (request.routeOptions.schema as { hide?: boolean } | undefined)?.hide) return payload
    contract ??= new OpenApiContract(app.swagger() as unknown as OpenApiDocument)
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : undefined
    // A stream (a file) is not read here; its route's status is still checked.
    const answer = { method: request.method, path: openApiPath(route), status: reply.statusCode, contentType: String(reply.getHeader('content-type') ?? ''), body: body ?? '' }
    const problem =
      contract.check(body === undefined ? { ...answer, method: 'HEAD' } : answer) ??
      (sent.has(request) && body ? lostInSerialization(sent.get(request), JSON.parse(body)) : undefined)
    if (problem) found.set(request.raw, problem.startsWith(answer.method) ? problem : `${answer.method} ${answer.path} answered ${answer.status}: ${problem}`)
    return payload
  })

  const inject = app.inject.bind(app) as (options: unknown) => Promise<{ raw: { req: IncomingMessage } }>
  app.inject = (async (options: unknown) => {
    if (options === undefined || typeof options === 'function') throw new Error('the contract check wraps app.inject(options) only: pass the request')
    const response = await inject(options)
    const problem = found.get(response.raw.req)
    if (problem) {
      found.delete(response.raw.req)
      throw new Error(`API contract broken: ${problem}`)
    }
    return response
  }) as unknown as FastifyInstance['inject']

  contractViolations.set(app, found)
}

const contractViolations = new WeakMap<FastifyInstance, Map<IncomingMessage, string>>()

/** Contract problems of answers no `app.inject` call claimed (real HTTP clients of the app). */
export function unclaimedViolations(app: FastifyInstance): string[] {
  return [...(contractViolations.get(app)?.values() ?? [])]
}

/**
 * The first place where `sent` (what the handler returned, as JSON) differs from `received`
 * (what the serializer wrote): a property dropped, or a value changed. What the serializer
 * adds (a schema default) is not a loss.
 */
export function lostInSerialization(sent: unknown, received: unknown, path = ''): string | undefined {
  const at = path || '(body)'
  if (sent === null || typeof sent !== 'object') {
    return Object.is(sent, received) ? undefined : `${at} was ${JSON.stringify(sent)} in the handler's reply but is sent as ${JSON.stringify(received)} (the response schema coerces it)`
  }
  if (Array.isArray(sent) !== Array.isArray(received) || received === null || typeof received !== 'object')
    return `${at} was ${JSON.stringify(sent).slice(0, 200)} in the handler's reply but is sent as ${JSON.stringify(received)}`
  for (const [key, value] of Object.entries(sent)) {
    const child = `${path}/${key}`
    if (!Object.hasOwn(received, key)) return `${child} is in the handler's reply but the response schema drops it (declare it)`
    const lost = lostInSerialization(value, (received as Record<string, unknown>)[key], child)
    if (lost) return lost
  }
  return undefined
}
