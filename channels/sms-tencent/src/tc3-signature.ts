import { createHash, createHmac } from 'node:crypto'

/**
 * Tencent Cloud API 3.0's TC3-HMAC-SHA256 signature ("签名方法 v3"), step by step as
 * documented: a canonical request (method, `/`, query, the signed headers as
 * `name:value\n` in lower case, their names, the payload's SHA-256), a string to sign
 * (`TC3-HMAC-SHA256`, the timestamp, the credential scope `<UTC date>/<service>/tc3_request`,
 * the canonical request's SHA-256), a key derived from `TC3<SecretKey>` by HMAC over the
 * date, the service and `tc3_request`, and the Authorization header that carries it. The
 * fake provider (tests/support/fake-tencent-sms.ts) recomputes it with these same steps.
 */

/** The algorithm's name, first in the string to sign and the Authorization header. */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest()

/** What of a request the signature covers. */
export interface Tc3Request {
  method: 'POST' | 'GET'
  /** The canonical query string (empty for a POST). */
  query?: string
  /** The headers to sign, by name (any case); content-type and host at least. */
  headers: Record<string, string>
  payload: string
}

/** The signed header names in lower case, sorted, joined by `;`. */
export function signedHeaderNames(headers: Record<string, string>): string {
  return Object.keys(headers).map((h) => h.toLowerCase()).sort().join(';')
}

/** Step 1: the canonical request. */
export function canonicalRequest(request: Tc3Request): string {
  const lower = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v.trim().toLowerCase()]))
  const names = Object.keys(lower).sort()
  const canonicalHeaders = names.map((name) => `${name}:${lower[name]}\n`).join('')
  return [request.method, '/', request.query ?? '', canonicalHeaders, names.join(';'), sha256(request.payload)].join('\n')
}

/** The UTC date of a Unix time in seconds, `yyyy-mm-dd`: the credential scope's. */
export function scopeDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10)
}

/** Step 2: the string to sign. */
export function stringToSign(timestamp: number, service: string, canonical: string): string {
  return [TC3_ALGORITHM, String(timestamp), `${scopeDate(timestamp)}/${service}/tc3_request`, sha256(canonical)].join('\n')
}

/** Step 3: the hex signature. */
export function tc3Signature(secretKey: string, timestamp: number, service: string, toSign: string): string {
  const secretDate = hmac(`TC3${secretKey}`, scopeDate(timestamp))
  const secretService = hmac(secretDate, service)
  const secretSigning = hmac(secretService, 'tc3_request')
  return createHmac('sha256', secretSigning).update(toSign, 'utf8').digest('hex')
}

/** Step 4: the Authorization header of a request, for a SecretId/SecretKey pair and a service (`sms`). */
export function tc3Authorization(credentials: { secretId: string; secretKey: string }, service: string, timestamp: number, request: Tc3Request): string {
  const signature = tc3Signature(credentials.secretKey, timestamp, service, stringToSign(timestamp, service, canonicalRequest(request)))
  return `${TC3_ALGORITHM} Credential=${credentials.secretId}/${scopeDate(timestamp)}/${service}/tc3_request, SignedHeaders=${signedHeaderNames(request.headers)}, Signature=${signature}`
}
