import type { FastifyError, FastifyRequest } from 'fastify'
import { KairosError } from '../errors.ts'

/**
 * The router's limit on one path parameter, in characters once decoded (Fastify's default is
 * 100). Above the longest any route's schema allows (an external id: 200), so that a value
 * just past a schema's limit is refused by the schema, naming the parameter.
 */
export const MAX_PARAM_LENGTH = 256

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`

/**
 * Fastify's own refusals of a request (before any schema or handler sees it), each as a
 * catalog error that names the part of the request at fault: the body, a header, a path
 * parameter. Without this they left as `{ code: 'KAIROS_BAD_REQUEST', details: [] }`, a code
 * outside the catalog that said nothing a client could act on (found by tests/api/route-fuzz).
 */
const FASTIFY_REFUSALS: Record<string, (request: FastifyRequest) => KairosError> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new KairosError('KAIROS_VALIDATION', 'body is empty, yet content-type says application/json: send a JSON body or no content-type', [
      { field: 'body', message: 'is empty (content-type is application/json)' },
    ]),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (request) =>
    new KairosError('KAIROS_UNSUPPORTED_MEDIA_TYPE', `headers.content-type "${request.headers['content-type']}" is not accepted: send application/json`, [
      { field: 'headers.content-type', message: 'must be application/json' },
    ]),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new KairosError('KAIROS_VALIDATION', 'headers.content-length does not match the body', [{ field: 'headers.content-length', message: 'does not match the body' }]),
  FST_ERR_CTP_BODY_TOO_LARGE: (request) => {
    const limit = request.routeOptions.bodyLimit
    return new KairosError('KAIROS_PAYLOAD_TOO_LARGE', `body is larger than ${mib(limit)}: send it in smaller batches`, [{ field: 'body', message: `is larger than ${mib(limit)}` }])
  },
  FST_ERR_MAX_PARAM_LENGTH: () =>
    new KairosError('KAIROS_URI_TOO_LONG', `params: a path parameter is longer than ${MAX_PARAM_LENGTH} characters`, [{ field: 'params', message: `has a value longer than ${MAX_PARAM_LENGTH} characters` }]),
}

/** The catalog error for one of Fastify's own refusals (`FST_ERR_CTP_*`, a path parameter too long), or undefined for any other error. */
export function fastifyRefusal(error: FastifyError, request: FastifyRequest): KairosError | undefined {
  return Object.hasOwn(FASTIFY_REFUSALS, error.code) ? FASTIFY_REFUSALS[error.code](request) : undefined
}
