import type { Clock } from '../clock.ts'
import type { AnyChannelDefinition, ChannelMessage, CheckedAddress, SendOutcome } from '../define-channel.ts'
import type { HttpEffectSpec } from '../effects/effect-types.ts'
import type { HttpTransport } from '../effects/http-effect.ts'
import { channelHttp, declaredAddresses } from './channel-http.ts'

/** How long one attempt at a delivery may take, all its requests included; then it counts as failed, to retry. */
export const SEND_ATTEMPT_TIMEOUT_MS = 30_000
/** A provider's message id longer than this is not an id: it is cut. */
const MAX_MESSAGE_ID = 512

/** What came of one attempt at a delivery; `retry` says whether another attempt may succeed. */
export type SendAnswer =
  | { ok: true; response: unknown; providerMessageId?: string }
  | { ok: false; retry: boolean; error: string; response?: unknown }

/** Which attempt at a delivery this is, and the idempotency key every attempt shares. */
export interface SendAttempt {
  idempotencyKey: string
  attempt: number
  maxAttempts: number
}

/** How an attempt reaches out: the server's through the outbound guard, the harness's directly. */
export interface SendReach {
  transport: HttpTransport
  /** The addresses a host resolves to, for `ctx.addresses` (the server's each accepted by the guard). */
  resolve(host: string, port: number): Promise<CheckedAddress[]>
  /** Sees each HTTP request as it is sent. */
  onRequest?: (request: HttpEffectSpec) => void
  /** Default SEND_ATTEMPT_TIMEOUT_MS. */
  timeoutMs?: number
}

/** A plugin's outcome checked, not trusted: anything but a well-formed one is a failure naming the kind. */
export function sendAnswerOf(kind: string, outcome: unknown): SendAnswer {
  const o = outcome as Partial<SendOutcome> | null | undefined
  if (o?.status === 'sent') {
    const id = (o as { providerMessageId?: unknown }).providerMessageId
    return { ok: true, response: o.response, ...(typeof id === 'string' && id !== '' ? { providerMessageId: id.slice(0, MAX_MESSAGE_ID) } : {}) }
  }
  const { retry, error } = (o ?? {}) as { retry?: unknown; error?: unknown }
  if (o?.status === 'failed' && typeof retry === 'boolean' && typeof error === 'string')
    return { ok: false, retry, error, ...(o.response === undefined ? {} : { response: o.response }) }
  return { ok: false, retry: false, error: `channel kind ${kind} returned no outcome (send must resolve to { status: 'sent' } or { status: 'failed', retry, error })` }
}

/**
 * What a throw means: one with a boolean `retry` (an `EffectFailure`, or the
 * `SendFailure` of an older SDK a plugin bundles, whose answer is `response`)
 * says whether to retry, and what it carries is kept; anything else is retried.
 */
export function sendAnswerOfError(kind: string, error: unknown): SendAnswer {
  const e = error as { message?: unknown; retry?: unknown; result?: unknown; response?: unknown } | null
  if (e && typeof e === 'object' && typeof e.retry === 'boolean') {
    const kept = e.result ?? e.response
    return { ok: false, retry: e.retry, error: String(e.message), ...(kept === undefined ? {} : { response: kept }) }
  }
  return { ok: false, retry: true, error: `channel kind ${kind} failed: ${error instanceof Error ? error.message : String(error)}` }
}

/**
 * One attempt at a delivery through a channel kind: `send` gets the config
 * (secrets opened), HTTP and addresses limited to the destinations the kind
 * declares for that config, and a signal that aborts at the attempt's end. A
 * send still running then counts as failed, to retry. Never throws: whatever
 * happens becomes an answer. The server's delivery job and the test harness
 * both run attempts through this.
 */
export async function attemptSend(
  definition: AnyChannelDefinition,
  delivery: { channel: string; config: Record<string, unknown>; message: ChannelMessage; attempt: SendAttempt; clock: Clock },
  reach: SendReach,
): Promise<SendAnswer> {
  const kind = definition.kind
  const timeoutMs = reach.timeoutMs ?? SEND_ATTEMPT_TIMEOUT_MS
  let destinations
  try {
    destinations = definition.destinations(delivery.config)
  } catch (error) {
    return { ok: false, retry: false, error: `channel kind ${kind}: destinations() failed: ${(error as Error).message}` }
  }
  const controller = new AbortController()
  const signal = controller.signal
  const ctx = {
    config: delivery.config, channel: delivery.channel, ...delivery.attempt, signal, clock: delivery.clock,
    http: channelHttp({ transport: reach.transport, destinations, signal, onRequest: reach.onRequest }),
    addresses: declaredAddresses(destinations, reach.resolve),
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const overtime = new Promise<SendAnswer>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`the attempt ran out of time (${timeoutMs} ms)`))
      resolve({ ok: false, retry: true, error: `channel kind ${kind} did not finish within ${timeoutMs} ms` })
    }, timeoutMs)
  })
  const sending = Promise.resolve()
    .then(() => definition.send(delivery.message, ctx))
    .then((outcome) => sendAnswerOf(kind, outcome), (error: unknown) => sendAnswerOfError(kind, error))
  try {
    return await Promise.race([sending, overtime])
  } finally {
    clearTimeout(timer)
    if (!signal.aborted) controller.abort(new Error('the attempt is over'))
  }
}
