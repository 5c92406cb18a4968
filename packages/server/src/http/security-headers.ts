import type { FastifyInstance } from 'fastify'

/**
 * The Content-Security-Policy of every response. The editor is built by Vite into files served
 * from this origin (no inline script); Vue Flow positions nodes with inline styles, hence
 * `'unsafe-inline'` for styles only. `connect-src 'self'` covers the same-origin websocket
 * /api/live in browsers that follow CSP Level 3 (every current one). Swagger UI at /docs fits in
 * the same policy: it loads its scripts as files and draws icons from data: URIs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ')

/** The headers `installSecurityHeaders` sets, for answers sent outside the hooks (see framework-errors.ts). */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
}

/** Security headers on every response: API answers, errors, the editor's static files and /docs. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS)
  })
}
