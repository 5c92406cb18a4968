import type { ChannelAnswer, ChannelDestination, ChannelHttp, CheckedAddress } from '../define-channel.ts'
import { EffectFailure } from '../effects/effect-policy.ts'
import type { HttpEffectSpec } from '../effects/effect-types.ts'
import { exchange, httpRequestSpec, type HttpTransport } from '../effects/http-effect.ts'

/** A channel request's body at most: a webhook's payload, a provider's batch. */
export const CHANNEL_REQUEST_BYTES = 1 << 20

/** What a channel may reach in one attempt: how requests are made, the destinations its kind declares, and the attempt's signal. */
export interface ChannelReach {
  /** The server's goes through the outbound guard; the test harness's does not. */
  transport: HttpTransport
  destinations: ChannelDestination[]
  /** Aborts when the attempt is over: no request outlives it. */
  signal: AbortSignal
  /** Sees each request as it is sent (the harness records them). */
  onRequest?: (request: HttpEffectSpec) => void
}

const refused = (message: string) => new EffectFailure(`destination refused: ${message}`, { retry: false })

/**
 * A URL's origin must be one the channel declared (`destinations(config)`), so
 * what the guard judged when the channel was saved is where it sends: the
 * first request's and every redirect's, since a provider
 * answering 307 elsewhere would otherwise get the request's headers and body.
 * Each request and redirect also passes the guard itself, on the server.
 */
function checkDeclared(url: string, destinations: ChannelDestination[], redirected = false): void {
  const { origin, host } = new URL(url)
  if (!destinations.some((d) => 'url' in d && URL.parse(d.url)?.origin === origin))
    throw refused(`${redirected ? `the provider redirected to ${host}, which` : host} is not among the destinations this channel's kind declares for its config`)
}

/** The answer's text as JSON when it is JSON, else the text; null when empty. */
function bodyOf(text: string): unknown {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * `ctx.http` of a channel: requests checked as an HTTP effect's are (a request
 * Kairos cannot make fails at once, naming the field), to declared origins
 * only, redirects included, through `reach.transport`, until the attempt's signal aborts. The
 * server and the test harness both build it, each with its own transport.
 */
export function channelHttp(reach: ChannelReach): ChannelHttp {
  const onRedirect = (url: string) => checkDeclared(url, reach.destinations, true)
  const transport: HttpTransport = (spec, signal) => reach.transport(spec, signal, { onRedirect })
  const request: ChannelHttp['request'] = async (asked) => {
    let spec: HttpEffectSpec
    try {
      spec = httpRequestSpec(asked, { label: 'ctx.http', maxBodyBytes: CHANNEL_REQUEST_BYTES })
    } catch (error) {
      throw new EffectFailure((error as Error).message, { retry: false })
    }
    checkDeclared(spec.url, reach.destinations)
    reach.onRequest?.(spec)
    try {
      const answer = await exchange(spec, transport, reach.signal, '')
      return { status: answer.status, text: answer.text, body: bodyOf(answer.text) } satisfies ChannelAnswer
    } catch (error) {
      const { retry, message } = error as EffectFailure
      throw retry ? new EffectFailure(`provider unreachable: ${message}`, { retry: true }) : error
    }
  }
  return { request, post: (url, options) => request({ ...options, method: 'POST', url }) }
}

/**
 * `ctx.addresses` of a channel: a host and port its kind declares, resolved by
 * `resolve` (the server's checks each address with the outbound guard).
 */
export function declaredAddresses(
  destinations: ChannelDestination[],
  resolve: (host: string, port: number) => Promise<CheckedAddress[]>,
): (host: string, port: number) => Promise<CheckedAddress[]> {
  return async (host, port) => {
    if (!destinations.some((d) => 'host' in d && d.host.toLowerCase() === host.toLowerCase() && d.port === port))
      throw refused(`${host}:${port} is not among the destinations this channel's kind declares for its config`)
    return resolve(host, port)
  }
}
