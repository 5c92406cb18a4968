import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/** Probes a supervisor calls every few seconds: logged at debug while they succeed, so they do not drown the log. */
const PROBES = new Set(['/health', '/ready'])

/**
 * Fastify's `logController`: one log line per request, when its response is sent (Fastify's
 * default is two, "incoming request" and "request completed"), with method, URL, status and
 * time under the request id Fastify binds to `request.log`. Bodies are never logged.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime) }
    if (error) return reply.log.error({ ...line, err: error }, 'request errored')
    const quiet = reply.statusCode < 400 && PROBES.has(request.routeOptions.url ?? '')
    reply.log[quiet ? 'debug' : 'info'](line, 'request completed')
  }
}
