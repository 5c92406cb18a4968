/** Answers that redirect, when they carry a Location. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])
/** Redirects followed at most, each checked like the first request. */
export const MAX_REDIRECTS = 3

/**
 * Headers a request keeps on a redirect to another origin: none that can carry a
 * credential. A caller's Authorization, API key header, cookie or signature goes
 * only to the origin it was set for; the idempotency key is no secret and lets
 * the new origin tell a retry from a new request.
 */
const KEPT_ACROSS_ORIGINS = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'idempotency-key', 'user-agent'])

/** One request of a chain of redirects. */
export interface RequestHop {
  url: URL
  method: string
  headers: Record<string, string>
  body: string | undefined
}

/**
 * The request a redirect (`status` to `next`) asks for, as `fetch` makes it:
 * 303, and 301/302 after a POST, become a GET without body or Content-Type;
 * 307/308 keep method and body. To another origin only the headers in
 * KEPT_ACROSS_ORIGINS go along. The server's guarded requests and the test
 * harness's both follow redirects by this rule.
 */
export function redirectedHop(hop: RequestHop, status: number, next: URL): RequestHop {
  const crossOrigin = next.origin !== hop.url.origin
  const toGet = status === 303 || ((status === 301 || status === 302) && hop.method === 'POST')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(hop.headers)) {
    const lower = name.toLowerCase()
    if (crossOrigin && !KEPT_ACROSS_ORIGINS.has(lower)) continue
    if (toGet && lower === 'content-type') continue
    headers[name] = value
  }
  return { url: next, method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body }
}
