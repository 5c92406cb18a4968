import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ApiKeyService } from '../auth/api-key-service.ts'
import { KairosError } from '../errors.ts'

/** How long a browser may reuse a preflight answer (10 minutes, Chromium's cap). */
const PREFLIGHT_MAX_AGE_S = 600

/**
 * CORS for the tracking API, by the origins configured on each public key. The answer
 * repeats the one origin that asked, never `*`, and names no credentials (the key travels
 * in a header or the body, not a cookie). An origin no key lists gets no CORS header at all
 * and a 403, so the browser shows the page's code nothing.
 */
export class TrackCors {
  readonly #apiKeys: ApiKeyService

  constructor(apiKeys: ApiKeyService) {
    this.#apiKeys = apiKeys
  }

  /**
   * A preflight carries no key, so it is allowed for an origin that some live public key
   * lists; the request that follows is checked against its own key (`admit`).
   */
  async preflight(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    reply.header('vary', 'Origin, Access-Control-Request-Headers')
    const origin = request.headers.origin
    // No Origin: not a browser's preflight, only a question of what the URL takes.
    if (!origin) return reply.header('allow', 'POST, OPTIONS').status(204).send()
    if (!(await this.#apiKeys.isTrackOrigin(origin)))
      throw new KairosError('KAIROS_FORBIDDEN', `the origin ${origin} is not allowed on any public key (Settings → API keys)`)
    reply.header('access-control-allow-origin', origin)
    reply.header('access-control-allow-methods', 'POST')
    const asked = request.headers['access-control-request-headers']
    if (asked) reply.header('access-control-allow-headers', asked)
    reply.header('access-control-max-age', String(PREFLIGHT_MAX_AGE_S))
    return reply.status(204).send()
  }

  /**
   * A request from a browser (it has an Origin) must come from an origin its key lists; one
   * from a server (no Origin: a CDP, a back end) needs none. Called once the key is known.
   */
  admit(request: FastifyRequest, reply: FastifyReply): void {
    reply.header('vary', 'Origin')
    const origin = request.headers.origin
    if (origin === undefined) return
    const principal = request.principal
    const origins = principal?.kind === 'key' ? principal.origins : []
    if (!origins.includes(origin))
      throw new KairosError('KAIROS_FORBIDDEN', `this key may not be used from ${origin}: add the origin to the key's allowed origins (Settings → API keys)`)
    reply.header('access-control-allow-origin', origin)
  }
}
