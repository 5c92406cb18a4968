import { EffectFailure, type HttpTransport } from '@kairos/sdk'
import { guardedRequest } from '../outbound/guarded-post.ts'
import { OutboundRefused, type OutboundGuard } from '../outbound/outbound-guard.ts'

/**
 * Effects' requests through the outbound guard: a destination it refuses
 * (loopback, private, metadata addresses unless KAIROS_ALLOWED_HOSTS lists
 * them) fails the effect for good, with the guard's reason.
 */
export function guardedTransport(guard: OutboundGuard): HttpTransport {
  return async (request, signal) => {
    try {
      return await guardedRequest(guard, request.url, { ...request, signal })
    } catch (error) {
      if (error instanceof OutboundRefused) throw new EffectFailure(`destination refused: ${error.message}`, { retry: false })
      throw error
    }
  }
}
