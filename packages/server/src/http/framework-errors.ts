import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { SECURITY_HEADERS } from './security-headers.ts'
import { fastifyRefusal } from './client-errors.ts'

/**
 * Fastify's `frameworkErrors`: requests refused before routing (a URL the router cannot decode,
 * e.g. `/api/contacts/%ED%A0%80`, a lone surrogate percent-encoded, which is not UTF-8) get the
 * error shape of every other bad input instead of Fastify's own. No hook runs for them, so the
 * headers they would have set are set here.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void reply.headers(SECURITY_HEADERS).header('x-request-id', request.id)
  if (error.code === 'FST_ERR_BAD_URL') {
    const detail = { field: 'url', message: 'is not valid percent-encoded UTF-8' }
    void reply.status(400).send({ error: { code: 'KAIROS_VALIDATION', message: `${detail.field} ${detail.message}`, details: [detail] } })
    return
  }
  // A path parameter past maxParamLength (app.ts) and any other refusal Fastify names.
  const refusal = fastifyRefusal(error, request)
  if (refusal) {
    void reply.status(refusal.statusCode).send({ error: { code: refusal.code, message: refusal.message, details: refusal.details } })
    return
  }
  void reply.status(error.statusCode ?? 400).send({ error: { code: 'KAIROS_BAD_REQUEST', message: error.message, details: [] } })
}
