import http from 'node:http'
import https from 'node:https'
import { MAX_REDIRECTS, REDIRECT_STATUSES, redirectedHop, type RequestHop } from '@kairos/sdk'
import { bareHost, lookupOnly, OutboundRefused, urlPort, type CheckedAddress, type OutboundGuard } from './outbound-guard.ts'

/** What came back: the status and the body as text (cut at `MAX_BODY_BYTES`). */
export interface OutboundResponse {
  status: number
  text: string
}

/** A provider's answer is stored on the delivery: more than this is cut off. */
export const MAX_BODY_BYTES = 1 << 20

// Sockets are reused per host and port (as Node's default agents do); each was
// opened to an address the guard checked, so reusing one goes nowhere new.
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 }),
}

interface Hop extends RequestHop {
  addresses: CheckedAddress[]
}

function requestOnce(hop: Hop, signal: AbortSignal): Promise<OutboundResponse & { location?: string }> {
  const { url } = hop
  const secure = url.protocol === 'https:'
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      {
        protocol: url.protocol,
        hostname: bareHost(url.hostname),
        port: urlPort(url),
        path: `${url.pathname}${url.search}`,
        method: hop.method,
        headers: hop.body === undefined ? hop.headers : { ...hop.headers, 'content-length': String(Buffer.byteLength(hop.body)) },
        agent: AGENTS[secure ? 'https:' : 'http:'],
        lookup: lookupOnly(hop.addresses),
        signal,
      },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        const done = () => {
          const location = response.headers.location
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ...(location ? { location } : {}) })
        }
        response.on('data', (chunk: Buffer) => {
          if (size >= MAX_BODY_BYTES) return
          chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size))
          size += chunk.length
          if (size >= MAX_BODY_BYTES) {
            response.destroy()
            done()
          }
        })
        response.on('end', done)
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(hop.body)
  })
}

/** `promise`, or a rejection once `signal` aborts (a DNS lookup takes no signal of its own). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * Sends a request to `url` through the guard: the host is checked before the
 * request and the socket connects only to the checked addresses. Redirects
 * are followed by hand, up to MAX_REDIRECTS, each target checked again by the
 * guard and then by `onRedirect` (which refuses by throwing: a channel's
 * declared origins); a redirect to another origin keeps only the headers that
 * carry no credential, and 301/302/303 turn a POST into a GET, as `fetch` does
 * (`redirectedHop`). Throws OutboundRefused for a refused destination
 * (permanent), other errors for network trouble, the timeout or `signal`
 * aborting (transient).
 */
export async function guardedRequest(
  guard: OutboundGuard,
  url: string,
  options: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number; signal?: AbortSignal; onRedirect?: (url: string) => void },
): Promise<OutboundResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  let first: URL
  try {
    first = new URL(url)
  } catch {
    throw new OutboundRefused('not a valid URL')
  }
  let hop: RequestHop = { url: first, method: options.method, headers: { ...options.headers }, body: options.body }
  for (let redirects = 0; ; redirects++) {
    const where = redirects === 0 ? '' : `redirected to ${hop.url.host || `a ${hop.url.protocol} URL`}: `
    if (hop.url.protocol !== 'http:' && hop.url.protocol !== 'https:') throw new OutboundRefused(`${where}only http and https are allowed`)
    let addresses: CheckedAddress[]
    try {
      addresses = await untilAborted(guard.check(hop.url.hostname, urlPort(hop.url)), signal)
    } catch (error) {
      if (error instanceof OutboundRefused && where) throw new OutboundRefused(`${where}${error.message}`)
      if (signal.aborted) throw new Error(`${where}${hop.url.hostname} did not resolve within ${options.timeoutMs} ms`)
      throw error
    }
    if (where) options.onRedirect?.(hop.url.href)
    let response: OutboundResponse & { location?: string }
    try {
      response = await requestOnce({ ...hop, addresses }, signal)
    } catch (error) {
      if (signal.aborted) throw new Error(`${where}no answer within ${options.timeoutMs} ms`)
      throw error
    }
    if (!REDIRECT_STATUSES.has(response.status) || !response.location) return { status: response.status, text: response.text }
    if (redirects >= MAX_REDIRECTS) throw new OutboundRefused(`more than ${MAX_REDIRECTS} redirects`)
    let next: URL
    try {
      next = new URL(response.location, hop.url)
    } catch {
      throw new OutboundRefused(`${hop.url.host} redirected to an invalid URL`)
    }
    hop = redirectedHop(hop, response.status, next)
  }
}
