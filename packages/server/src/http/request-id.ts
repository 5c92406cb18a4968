import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'

/** An id a proxy in front may pass on (nginx `$request_id`); anything else is replaced. */
const PASSED_ID = /^[\w.:-]{1,100}$/

/**
 * Fastify's `genReqId`: the `x-request-id` the request came with when it looks like an id,
 * else a random UUID (unique across restarts and processes, unlike Fastify's counter).
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && PASSED_ID.test(given) ? given : randomUUID()
}

/** Every response names its request id in `x-request-id`, the key to its lines in the log. */
export function installRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
}
