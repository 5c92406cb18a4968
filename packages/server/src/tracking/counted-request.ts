import type { FastifyRequest } from 'fastify'

/**
 * Whether a request to a tracked link counts as a click or an open: a GET from a person's
 * client. HEAD requests (link checkers, unfurlers) and declared speculative loads
 * (`Sec-Purpose: prefetch`, `Purpose: prefetch`, Safari's `X-Purpose: preview`) still get their
 * answer but count nothing. User agents are not guessed at (docs/decisions.md).
 */
export function countsAsUse(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false
  const purpose = `${request.headers['sec-purpose'] ?? ''} ${request.headers.purpose ?? ''} ${request.headers['x-purpose'] ?? ''}`
  return !/\bprefetch\b|\bpreview\b/i.test(purpose)
}
