import type { ChannelMessage, Clock, SendOutcome } from '@kairos/sdk'
import type { ResolvedChannel } from '../channels/channel-service.ts'
import { MAX_BODY_BYTES } from '../outbound/guarded-post.ts'
import type { OutboundGuard } from '../outbound/outbound-guard.ts'
import { channelAddresses, channelHttp } from './channel-http.ts'

/** How long one attempt may take, all its requests included; then it counts as failed, to retry. */
export const ATTEMPT_TIMEOUT_MS = 30_000
/** A provider's message id longer than this is not an id: it is cut. */
const MAX_MESSAGE_ID = 512

/** What came of one attempt, as the delivery task records it; `retry` means the failure is transient. */
export type ProviderAnswer =
  | { ok: true; response: unknown; providerMessageId?: string }
  | { ok: false; retry: boolean; error: string; response?: unknown }

/** One attempt at a delivery: which it is, and the idempotency key every attempt shares. */
export interface Attempt {
  idempotencyKey: string
  attempt: number
  maxAttempts: number
}

/**
 * What is kept of an answer: JSON of at most MAX_BODY_BYTES (what the guard
 * reads of a body at most), so a plugin's answer cannot bloat the deliveries
 * table or fail the settlement with a value JSON cannot hold.
 */
function bounded(response: unknown): unknown {
  if (response === undefined) return undefined
  let json: string | undefined
  try {
    json = JSON.stringify(response)
  } catch (error) {
    return { unserializable: (error as Error).message }
  }
  if (json === undefined) return undefined
  return json.length > MAX_BODY_BYTES ? { truncated: true, head: json.slice(0, 64 * 1024) } : response
}

/** A plugin's outcome checked, not trusted: anything but a well-formed one is a failure naming the kind. */
function answerOf(kind: string, outcome: unknown): ProviderAnswer {
  const o = outcome as Partial<SendOutcome> | null | undefined
  if (o?.status === 'sent') {
    const id = (o as { providerMessageId?: unknown }).providerMessageId
    return { ok: true, response: bounded(o.response), ...(typeof id === 'string' && id !== '' ? { providerMessageId: id.slice(0, MAX_MESSAGE_ID) } : {}) }
  }
  if (o?.status === 'failed' && typeof (o as { retry?: unknown }).retry === 'boolean' && typeof (o as { error?: unknown }).error === 'string')
    return { ok: false, retry: (o as { retry: boolean }).retry, error: (o as { error: string }).error, response: bounded(o.response) }
  return { ok: false, retry: false, error: `channel kind ${kind} returned no outcome (send must resolve to { status: 'sent' } or { status: 'failed', retry, error })` }
}

/** What a throw means: a SendFailure (by shape, so a plugin's own copy of the SDK counts) says whether to retry; anything else is retried. */
function answerOfError(kind: string, error: unknown): ProviderAnswer {
  const e = error as { message?: unknown; retry?: unknown; response?: unknown } | null
  if (e && typeof e === 'object' && typeof e.retry === 'boolean')
    return { ok: false, retry: e.retry, error: String(e.message), ...(e.response === undefined ? {} : { response: bounded(e.response) }) }
  return { ok: false, retry: true, error: `channel kind ${kind} failed: ${error instanceof Error ? error.message : String(error)}` }
}

/**
 * Hands a delivery to its channel's definition: `send` gets the config with
 * secrets opened, HTTP (and addresses) through the outbound guard limited to
 * the destinations the kind declares for that config, and a deadline. Never
 * throws: whatever happens becomes an answer.
 */
export async function sendWithChannel(
  channel: ResolvedChannel,
  message: ChannelMessage,
  attempt: Attempt,
  deps: { guard: OutboundGuard; clock: Clock },
): Promise<ProviderAnswer> {
  const definition = channel.kind
  const signal = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)
  let destinations
  try {
    destinations = definition.destinations(channel.settings)
  } catch (error) {
    return { ok: false, retry: false, error: `channel kind ${definition.kind}: destinations() failed: ${(error as Error).message}` }
  }
  const reach = { guard: deps.guard, destinations, deadline: Date.now() + ATTEMPT_TIMEOUT_MS }
  const ctx = {
    config: channel.settings, channel: channel.name, http: channelHttp(reach), addresses: channelAddresses(reach),
    ...attempt, signal, clock: deps.clock,
  }
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<ProviderAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, retry: true, error: `channel kind ${definition.kind} did not finish within ${ATTEMPT_TIMEOUT_MS} ms` }), ATTEMPT_TIMEOUT_MS)
  })
  const sending = (async () => answerOf(definition.kind, await definition.send(message, ctx)))().catch((error: unknown) => answerOfError(definition.kind, error))
  try {
    return await Promise.race([sending, deadline])
  } finally {
    clearTimeout(timer)
  }
}
