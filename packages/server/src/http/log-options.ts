import type { FastifyRequest } from 'fastify'

/** Levels `KAIROS_LOG_LEVEL` accepts (pino's); `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Field names whose values never reach the log, at any depth of an error and one level deep elsewhere. */
const SECRET_NAMES = ['password', 'passwd', 'secret', 'token', 'apiKey', 'api_key', 'accessToken', 'refreshToken', 'secretKey', 'authorization', 'cookie']
const SECRET_KEY = /pass(word|wd|phrase)|secret|token|api[-_]?key|authorization|cookie|credential/i
const SECRET_QUERY = /([?&](?:[^=&]*(?:pass(?:word|wd)|secret|token|api[-_]?key|session)[^=&]*)=)[^&#]*/gi
const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^/\s@]+@/g
const CENSOR = '[Redacted]'

/** pino `redact` paths: headers a custom log call might carry, and secret-like fields of any logged object. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_NAMES.flatMap((name) => [name, `*.${name}`]),
]

const scrubText = (text: string) => text.replace(URL_PASSWORD, `$1${CENSOR}@`)

/** A copy of `value` with secret-like fields censored and passwords in URLs removed (bounded depth: errors can be cyclic). */
function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth > 6) return '[Object]'
  if (value instanceof Error) return serializeError(value, depth)
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => scrub(item, depth + 1))
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) copy[key] = SECRET_KEY.test(key) ? CENSOR : scrub(item, depth + 1)
  return copy
}

/** pino's error shape (type, message, stack and own fields, cause), scrubbed: a provider's error may carry its request's headers. */
function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.constructor?.name ?? 'Error', message: scrubText(error.message), stack: error.stack && scrubText(error.stack) }
  for (const [key, item] of Object.entries(error)) out[key] = SECRET_KEY.test(key) ? CENSOR : scrub(item, depth + 1)
  if (error.cause !== undefined) out.cause = scrub(error.cause, depth + 1)
  return out
}

/** The request as one log field: no headers, and secret-like query values (`?token=`) censored. */
function serializeRequest(request: FastifyRequest) {
  return { method: request.method, url: request.url.replace(SECRET_QUERY, `$1${CENSOR}`), remoteAddress: request.ip }
}

/**
 * Fastify's `logger` option from `buildApp`'s: `false` (or absent) logs nothing, `true` logs at
 * `info` to stdout, and pino options (`level`, `stream`, …) keep Kairos's redaction and serializers.
 * One JSON line per request comes from `installRequestLog`; bodies are never logged.
 */
export function loggerOptions(option: boolean | object | undefined): false | Record<string, unknown> {
  if (!option) return false
  const given = (option === true ? {} : option) as Record<string, unknown>
  return {
    level: 'info',
    ...given,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: { req: serializeRequest, err: serializeError, ...(given.serializers as object | undefined) },
  }
}
