import type { FastifyInstance, FastifySchema } from 'fastify'
import { ErrorReply, ErrorReplyRef } from '../schemas/error-reply.ts'

/**
 * Declares the error shape once for every route: `ErrorReply` becomes a shared schema, and
 * each route's `response` gains `4xx` and `5xx` pointing at it (a status the route declares
 * itself wins, as /ready's 503 does). So error answers are serialized and documented like
 * the rest, and the OpenAPI document lists them on every operation. Install before the
 * routes: an onRoute hook sees only routes registered after it.
 */
export function installErrorResponses(app: FastifyInstance): void {
  app.addSchema(ErrorReply)
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as FastifySchema & { hide?: boolean; response?: Record<string, unknown> }
    if (schema.hide) return
    route.schema = { ...schema, response: { '4xx': ErrorReplyRef, '5xx': ErrorReplyRef, ...schema.response } }
  })
}
