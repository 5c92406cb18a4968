import { SendFailure, type ChannelAnswer, type ChannelDestination, type ChannelHttp, type CheckedAddress } from '@kairos/sdk'
import { guardedPost } from '../outbound/guarded-post.ts'
import { OutboundRefused, type OutboundGuard } from '../outbound/outbound-guard.ts'

/** A request's time when the channel names none: what every built-in provider call had. */
const REQUEST_TIMEOUT_MS = 10_000

/** What a channel may reach in one attempt: the guard, its declared destinations, and the attempt's deadline. */
export interface ChannelReach {
  guard: OutboundGuard
  destinations: ChannelDestination[]
  /** Epoch milliseconds past which no request starts or runs. */
  deadline: number
}

const refused = (message: string) => new SendFailure(`destination refused: ${message}`, { retry: false })

/**
 * A URL's origin must be one the channel declared (`destinations(config)`), so
 * what the guard judged when the channel was saved is where it sends; each
 * request (and each redirect) also passes the guard itself.
 */
function declaredOrigin(url: string, destinations: ChannelDestination[]): URL {
  const parsed = URL.parse(url)
  if (!parsed) throw refused('not a valid URL')
  const declared = destinations.some((d) => 'url' in d && URL.parse(d.url)?.origin === parsed.origin)
  if (!declared) throw refused(`${parsed.host || url} is not among the destinations this channel's kind declares for its config`)
  return parsed
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

/** `ctx.http` of a channel: POSTs through the outbound guard to declared destinations only. */
export function channelHttp(reach: ChannelReach): ChannelHttp {
  return {
    async post(url, request): Promise<ChannelAnswer> {
      declaredOrigin(url, reach.destinations)
      const left = reach.deadline - Date.now()
      if (left <= 0) throw new SendFailure('provider unreachable: the attempt ran out of time', { retry: true })
      const json = request.json !== undefined
      const headers = { ...(json ? { 'content-type': 'application/json' } : {}), ...request.headers }
      try {
        const response = await guardedPost(reach.guard, url, {
          headers,
          body: json ? JSON.stringify(request.json) : (request.body ?? ''),
          timeoutMs: Math.min(request.timeoutMs ?? REQUEST_TIMEOUT_MS, left),
        })
        return { status: response.status, text: response.text, body: bodyOf(response.text) }
      } catch (error) {
        if (error instanceof OutboundRefused) throw refused(error.message)
        throw new SendFailure(`provider unreachable: ${(error as Error).message}`, { retry: true })
      }
    },
  }
}

/** `ctx.addresses` of a channel: a declared host and port, checked by the guard; connect to what it returns only. */
export function channelAddresses(reach: ChannelReach): (host: string, port: number) => Promise<CheckedAddress[]> {
  return async (host, port) => {
    const declared = reach.destinations.some((d) => 'host' in d && d.host.toLowerCase() === host.toLowerCase() && d.port === port)
    if (!declared) throw refused(`${host}:${port} is not among the destinations this channel's kind declares for its config`)
    try {
      return await reach.guard.check(host, port)
    } catch (error) {
      if (error instanceof OutboundRefused) throw refused(error.message)
      throw error
    }
  }
}
