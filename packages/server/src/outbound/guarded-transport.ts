import { EffectFailure, type CheckedAddress, type HttpTransport } from '@kairos/sdk'
import { guardedRequest } from './guarded-request.ts'
import { OutboundRefused, type OutboundGuard } from './outbound-guard.ts'

const refused = (error: OutboundRefused) => new EffectFailure(`destination refused: ${error.message}`, { retry: false })

/**
 * Requests of effects and channels through the outbound guard: a destination
 * it refuses (loopback, private, metadata addresses unless KAIROS_ALLOWED_HOSTS
 * lists them) fails for good, with the guard's reason.
 */
export function guardedTransport(guard: OutboundGuard): HttpTransport {
  return async (request, signal, options) => {
    try {
      return await guardedRequest(guard, request.url, { ...request, signal, onRedirect: options?.onRedirect })
    } catch (error) {
      if (error instanceof OutboundRefused) throw refused(error)
      throw error
    }
  }
}

/** A host's addresses for a channel's `ctx.addresses` (SMTP), each accepted by the guard; a refused one fails for good. */
export function guardedResolver(guard: OutboundGuard): (host: string, port: number) => Promise<CheckedAddress[]> {
  return async (host, port) => {
    try {
      return await guard.check(host, port)
    } catch (error) {
      if (error instanceof OutboundRefused) throw refused(error)
      throw error
    }
  }
}
