import type { FastifyError, FastifyInstance } from 'fastify'
import { KairosError, type ErrorDetail } from '../errors.ts'
import { fastifyRefusal } from './client-errors.ts'
import { isDatabaseUnavailable } from '../db/retry.ts'

interface AjvIssue {
  instancePath: string
  message?: string
  keyword: string
  params: Record<string, unknown>
}

/** Turns Fastify's schema errors into details whose field reads like `body.events[3].name`. */
function validationDetails(context: string, issues: AjvIssue[]): ErrorDetail[] {
  return issues.map((issue) => {
    let field = `${context}${issue.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('')}`
    let message = issue.message ?? 'is invalid'
    if (issue.keyword === 'required') (field = `${field}.${issue.params.missingProperty}`), (message = 'is required')
    if (issue.keyword === 'additionalProperties') (field = `${field}.${issue.params.additionalProperty}`), (message = 'is not a known field')
    return { field, message }
  })
}

/** Every error leaves as `{ error: { code, message, details } }` with a 4xx that says what was wrong. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    const coded = error instanceof KairosError ? error : fastifyRefusal(error, request)
    if (coded) return reply.status(coded.statusCode).send({ error: { code: coded.code, message: coded.message, details: coded.details } })
    if (error.validation) {
      const details = validationDetails(error.validationContext ?? 'body', error.validation as AjvIssue[])
      const message = details.map((d) => `${d.field} ${d.message}`).join('; ')
      return reply.status(400).send({ error: { code: 'KAIROS_VALIDATION', message, details } })
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
      return reply.status(400).send({ error: { code: 'KAIROS_VALIDATION', message: 'body is not valid JSON', details: [{ field: 'body', message: 'is not valid JSON' }] } })
    // Postgres data exceptions (class 22: a NUL byte in text, a date out of range) are bad input too.
    const sqlState = (error as { code?: string }).code
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState))
      return reply.status(400).send({
        error: { code: 'KAIROS_VALIDATION', message: `a value cannot be stored: ${error.message}`, details: [{ field: 'body', message: error.message }] },
      })
    // Postgres gone (a restart, a failover): say so and let the client retry, instead of a 500.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error, req: request }, 'database unavailable')
      return reply.status(503).header('retry-after', '2').send({ error: { code: 'KAIROS_NOT_READY', message: `database unavailable: ${error.message}`, details: [] } })
    }
    if (error.statusCode && error.statusCode < 500)
      return reply.status(error.statusCode).send({ error: { code: 'KAIROS_BAD_REQUEST', message: error.message, details: [] } })
    // The log line carries reqId (bound by Fastify) and the stack; the answer names the same id.
    request.log.error({ err: error, req: request }, 'request failed')
    if (process.env.KAIROS_DEBUG) console.error(error)
    return reply
      .status(500)
      .send({ error: { code: 'KAIROS_INTERNAL', message: `internal error (request id ${request.id}); see the server log`, details: [] } })
  })
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'KAIROS_NOT_FOUND', message: `no route ${request.method} ${request.url}`, details: [] } }),
  )
}
