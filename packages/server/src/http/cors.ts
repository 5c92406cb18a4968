import type { FastifyInstance } from 'fastify'

const METHODS = 'GET, POST, PUT, PATCH, DELETE'

/**
 * CORS for the origins in `KAIROS_CORS_ORIGINS` only, with credentials (the session cookie).
 * With none configured (the default) no Access-Control-* header is ever sent, so a browser
 * lets only the editor's own origin read the API. A preflight is answered here, before any
 * route or permission hook: it carries no credentials, and needs no route of its own.
 */
export function installCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return
  const allowed = new Set(origins)
  app.addHook('onRequest', async (request, reply) => {
    reply.header('vary', 'Origin')
    const origin = request.headers.origin
    if (!origin || !allowed.has(origin)) return
    reply.header('access-control-allow-origin', origin)
    reply.header('access-control-allow-credentials', 'true')
    reply.header('access-control-expose-headers', 'x-request-id')
    if (request.method !== 'OPTIONS' || !request.headers['access-control-request-method']) return
    reply.header('access-control-allow-methods', METHODS)
    const asked = request.headers['access-control-request-headers']
    if (asked) reply.header('access-control-allow-headers', asked)
    reply.header('access-control-max-age', '600')
    return reply.status(204).send()
  })
}

/** `KAIROS_CORS_ORIGINS`: a comma list of origins (`https://crm.example.com`), each checked. */
export function parseCorsOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean)
  for (const origin of origins) {
    const parsed = URL.canParse(origin) ? new URL(origin) : undefined
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol))
      throw new Error(`KAIROS_CORS_ORIGINS must list origins like https://app.example.com, got "${origin}"`)
  }
  return origins
}
