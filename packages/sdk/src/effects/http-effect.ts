import { byteLength, EFFECT_LIMITS, EffectFailure, failedAttempt, isRetryableStatus, type AttemptOutcome } from './effect-policy.ts'
import type { HttpEffectRequest, HttpEffectResponse, HttpEffectSpec, HttpMethod } from './effect-types.ts'

const METHODS: HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Sends a request and answers with the status and the body as text. The
 * server's goes through the outbound guard; it throws an `EffectFailure` with
 * `retry: false` for a destination the guard refuses, any other error for
 * network trouble, and rejects once `signal` aborts. Redirects are followed
 * (`redirectedHop`, at most MAX_REDIRECTS), each target first passed to
 * `options.onRedirect`, which refuses it by throwing (a channel's declared
 * origins).
 */
export type HttpTransport = (
  request: HttpEffectSpec,
  signal: AbortSignal,
  options?: { onRedirect?: (url: string) => void },
) => Promise<{ status: number; text: string }>

/** A timeout in ms for one attempt: the default, or a whole number from 1 to the maximum. */
export function attemptTimeout(value: unknown, field: string): number {
  if (value === undefined) return EFFECT_LIMITS.defaultTimeoutMs
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > EFFECT_LIMITS.maxTimeoutMs)
    throw new Error(`${field} must be a whole number of ms from 1 to ${EFFECT_LIMITS.maxTimeoutMs}, got ${JSON.stringify(value)}`)
  return value as number
}

/** What a request is checked against: the name its errors start with, and the largest body. */
export interface RequestRules {
  /** How errors name the call: `effects.http`, `ctx.http`. */
  label: string
  maxBodyBytes: number
}

/** Query or form fields as `a=1&b=x+y`; throws naming `field` for a value that is not text, a number or a boolean. */
function encodeFields(fields: unknown, field: string, refuse: (message: string) => never): URLSearchParams {
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) refuse(`${field} must be an object of names and values`)
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(fields as object)) {
    if (value === undefined) continue
    if (!['string', 'number', 'boolean'].includes(typeof value)) refuse(`${field}.${name} must be text, a number or a boolean`)
    params.append(name, String(value))
  }
  return params
}

/**
 * Checks a request and gives it the form it is stored and sent in: the query
 * added to the URL, a JSON or form body as text with its content type, header
 * names in lower case. Throws naming the field (`effects.http: url must be an
 * http(s) URL`), so a request Kairos cannot make fails where it is asked for,
 * not an attempt later.
 */
export function httpRequestSpec(request: HttpEffectRequest, rules: RequestRules): HttpEffectSpec {
  const refuse = (message: string): never => {
    throw new Error(`${rules.label}: ${message}`)
  }
  if (request === null || typeof request !== 'object') refuse('the request must be an object')
  let url: URL | undefined
  try {
    url = new URL(String(request.url))
  } catch {
    refuse(`url must be an http(s) URL, got ${JSON.stringify(request.url)}`)
  }
  if (url!.protocol !== 'http:' && url!.protocol !== 'https:') refuse(`url must be an http(s) URL, got ${JSON.stringify(request.url)}`)
  if (request.query !== undefined) for (const [name, value] of encodeFields(request.query, 'query', refuse)) url!.searchParams.append(name, value)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (!HEADER_NAME.test(name)) refuse(`headers: ${JSON.stringify(name)} is not a header name`)
    if (typeof value !== 'string' || /[\r\n]/.test(value)) refuse(`headers.${name} must be text on one line`)
    headers[name.toLowerCase()] = value
  }
  const bodies = (['json', 'form', 'body'] as const).filter((field) => request[field] !== undefined)
  if (bodies.length > 1) refuse(`give one of json, form and body, not ${bodies.join(' and ')}`)
  if (request.body !== undefined && typeof request.body !== 'string') refuse('body must be text (use json for a value)')
  let body = request.body
  if (request.json !== undefined) {
    body = JSON.stringify(request.json)
    if (body === undefined) refuse('json must be a JSON value')
    headers['content-type'] ??= 'application/json'
  }
  if (request.form !== undefined) {
    body = encodeFields(request.form, 'form', refuse).toString()
    headers['content-type'] ??= 'application/x-www-form-urlencoded'
  }
  const method = request.method ?? (body === undefined ? 'GET' : 'POST')
  if (!METHODS.includes(method)) refuse(`method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(method)}`)
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) refuse(`a ${method} request has no body`)
  if (body !== undefined && byteLength(body) > rules.maxBodyBytes) refuse(`the body is over ${rules.maxBodyBytes} bytes`)
  const timeoutMs = attemptTimeout(request.timeoutMs, `${rules.label}: timeoutMs`)
  return { method, url: url!.href, headers, ...(body === undefined ? {} : { body }), timeoutMs }
}

/** An HTTP effect's request, checked (see `httpRequestSpec`), its body at most `EFFECT_LIMITS.requestBytes`. */
export function httpEffectSpec(request: HttpEffectRequest): HttpEffectSpec {
  return httpRequestSpec(request, { label: 'effects.http', maxBodyBytes: EFFECT_LIMITS.requestBytes })
}

/** An answer as it is kept: JSON parsed, text as text, both cut at `EFFECT_LIMITS.responseBytes`. */
export function boundedResponse(status: number, text: string): HttpEffectResponse {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length > EFFECT_LIMITS.responseBytes)
    return { status, body: new TextDecoder().decode(bytes.subarray(0, EFFECT_LIMITS.responseBytes)), truncated: true }
  if (text === '') return { status, body: null }
  try {
    return { status, body: JSON.parse(text) }
  } catch {
    return { status, body: text }
  }
}

/**
 * One request through `transport`, within its timeout and until `signal`
 * aborts: the answer's status and text, whatever the status. Throws an
 * `EffectFailure`: permanent for a refused destination (the transport's),
 * transient for the timeout, the signal, and network trouble (its message
 * prefixed with `unreachable`).
 */
export async function exchange(
  spec: HttpEffectSpec,
  transport: HttpTransport,
  signal?: AbortSignal,
  unreachable = 'request failed: ',
): Promise<{ status: number; text: string }> {
  const limit = AbortSignal.timeout(spec.timeoutMs)
  const both = signal ? AbortSignal.any([limit, signal]) : limit
  try {
    return await transport(spec, both)
  } catch (error) {
    if (typeof (error as { retry?: unknown })?.retry === 'boolean') throw error
    if (limit.aborted) throw new EffectFailure(`no answer within ${spec.timeoutMs} ms`, { retry: true })
    if (signal?.aborted) throw new EffectFailure(`stopped: ${String((signal.reason as Error)?.message ?? signal.reason)}`, { retry: true })
    throw new EffectFailure(`${unreachable}${(error as Error).message}`, { retry: true })
  }
}

/** One request (see `exchange`), the answer bounded as an effect keeps it. */
export async function sendHttp(spec: HttpEffectSpec, transport: HttpTransport, signal?: AbortSignal): Promise<HttpEffectResponse> {
  const answer = await exchange(spec, transport, signal)
  return boundedResponse(answer.status, answer.text)
}

/**
 * One attempt of an HTTP effect: the request with the effect's key in
 * `Idempotency-Key` (unless the node set that header itself), 2xx is done,
 * 5xx/408/429 and network trouble are retried, any other status fails it.
 * The answer is kept either way.
 */
export async function attemptHttp(spec: HttpEffectSpec, idempotencyKey: string, transport: HttpTransport): Promise<AttemptOutcome> {
  let response: HttpEffectResponse
  try {
    response = await sendHttp({ ...spec, headers: { 'idempotency-key': idempotencyKey, ...spec.headers } }, transport)
  } catch (error) {
    return failedAttempt(error)
  }
  if (response.status >= 200 && response.status < 300) return { ok: true, result: response }
  return { ok: false, retry: isRetryableStatus(response.status), error: `HTTP ${response.status}`, result: response }
}
