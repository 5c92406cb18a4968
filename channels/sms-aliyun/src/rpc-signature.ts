import { createHmac } from 'node:crypto'

/**
 * Aliyun's RPC signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0), as the
 * Dysmsapi and RPC "签名机制" documents describe it: every parameter but `Signature`,
 * sorted by name, each name and value percent-encoded and joined as `a=1&b=2`; the
 * string to sign is `<METHOD>&%2F&<that, percent-encoded again>`; the signature is the
 * base64 HMAC-SHA1 of it with the AccessKey secret followed by `&` as the key. The fake
 * provider (tests/support/fake-aliyun-sms.ts) recomputes it with these same steps.
 */

/** RFC 3986 encoding as Aliyun wants it: UTF-8, only A-Z a-z 0-9 - _ . ~ left as they are (so `*` is %2A, a space %20, never `+`). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** The sorted, encoded `name=value&…` of every parameter but `Signature`. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join('&')
}

/** `<METHOD>&%2F&<encoded canonical query>`. */
export function stringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`
}

/** The `Signature` of a request with these parameters, for the AccessKey secret. */
export function rpcSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params)).digest('base64')
}

/** Aliyun's `Timestamp`: UTC, ISO 8601 to the second (`2017-07-12T02:42:19Z`). */
export function rpcTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
