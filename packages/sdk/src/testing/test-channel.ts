import { lookup } from 'node:dns/promises'
import type { AnyChannelDefinition, ChannelMessage, CheckedAddress } from '../define-channel.ts'
import { afterSendAttempt, DELIVERY_RETRY } from '../channel/delivery-retry.ts'
import { attemptSend, type SendAnswer } from '../channel/send-attempt.ts'
import type { HttpMethod } from '../effects/effect-types.ts'
import type { HttpTransport } from '../effects/http-effect.ts'
import { channelConfig } from './channel-config.ts'
import { ManualClock } from './manual-clock.ts'
import { fetchTransport } from './run-effects.ts'

export interface TestChannelOptions {
  /** The channel's config, secrets in clear: validated as the server saves it (defaults filled in). */
  config: unknown
  /** The message; `id` (default `test-delivery`), `channel` (default what the kind carries) and the rest default too. */
  message: Pick<ChannelMessage, 'to' | 'body'> & Partial<ChannelMessage>
  /** The channel's name (default `test-channel`). */
  channel?: string
  /** Default `run:test-run:step:1:<carries>`, the form the server's keys have. */
  idempotencyKey?: string
  /** Moved on by the backoff between attempts; `ctx.clock`. */
  clock?: ManualClock
  /** Attempts at most (default 10, the server's); 1 to look at one attempt alone. */
  maxAttempts?: number
  /** How requests are made (default Node's `fetch`, with no outbound guard). */
  transport?: HttpTransport
  /** How `ctx.addresses` resolves a declared host (default the system resolver, with no outbound guard). */
  resolve?: (host: string, port: number) => Promise<CheckedAddress[]>
  /** One attempt's time, as the server's 30 s. */
  attemptTimeoutMs?: number
}

/** A request `send` made, as it was sent: the query in the URL, header names in lower case, the body as text. */
export interface ChannelTestRequest {
  attempt: number
  method: HttpMethod
  url: string
  headers: Record<string, string>
  body?: string
}

/** One attempt: when on the clock, what came of it (as the delivery job reads it), and its requests. */
export interface ChannelTestAttempt {
  attempt: number
  at: Date
  answer: SendAnswer
  requests: ChannelTestRequest[]
}

export interface ChannelTestOutcome {
  /** How the delivery settled. */
  status: 'sent' | 'failed'
  providerMessageId?: string
  /** The last answer's response, as the delivery keeps it (`providerResponse`). */
  response?: unknown
  error?: string
  attempts: ChannelTestAttempt[]
  /** Every request of every attempt, in order. */
  requests: ChannelTestRequest[]
  /** The config `send` got, defaults filled in. */
  config: Record<string, unknown>
  clock: ManualClock
}

const systemResolve = async (host: string): Promise<CheckedAddress[]> =>
  (await lookup(host, { all: true, order: 'verbatim' })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))

/**
 * Sends one message through a channel kind as the server's delivery job does:
 * the config validated as the channel is saved, then attempt after attempt
 * (`send` with a real `ctx`: HTTP to the origins `destinations()` declares
 * only, a signal aborting at the attempt's end), retried by the server's rule
 * (`afterSendAttempt`: a `failed` outcome with `retry`, or anything thrown that
 * is not an `EffectFailure` with `retry: false`), the backoff taken on the
 * manual clock rather than waited for, until the delivery settles. Requests
 * are real (to a fake provider the test starts on 127.0.0.1); the outbound
 * guard is the server's and is not applied.
 */
export async function testChannel(definition: AnyChannelDefinition, options: TestChannelOptions): Promise<ChannelTestOutcome> {
  const config = channelConfig(definition, options.config)
  const clock = options.clock ?? new ManualClock()
  const maxAttempts = options.maxAttempts ?? DELIVERY_RETRY.maxAttempts
  const message: ChannelMessage = { id: 'test-delivery', channel: definition.carries, subject: null, html: null, data: null, ...options.message }
  const idempotencyKey = options.idempotencyKey ?? `run:test-run:step:1:${definition.carries}`
  const attempts: ChannelTestAttempt[] = []
  const requests: ChannelTestRequest[] = []
  for (let attempt = 1; ; attempt++) {
    const at = clock.now()
    const made: ChannelTestRequest[] = []
    const answer = await attemptSend(
      definition,
      { channel: options.channel ?? 'test-channel', config, message, attempt: { idempotencyKey, attempt, maxAttempts }, clock },
      {
        transport: options.transport ?? fetchTransport,
        resolve: options.resolve ?? systemResolve,
        timeoutMs: options.attemptTimeoutMs,
        onRequest: (spec) => made.push({ attempt, method: spec.method, url: spec.url, headers: spec.headers, ...(spec.body === undefined ? {} : { body: spec.body }) }),
      },
    )
    attempts.push({ attempt, at, answer, requests: made })
    requests.push(...made)
    const next = afterSendAttempt(answer, attempt, maxAttempts)
    if ('retryInMs' in next) {
      clock.advance(next.retryInMs)
      continue
    }
    const response = answer.response === undefined ? {} : { response: answer.response }
    if (next.settle === 'sent')
      return { status: 'sent', ...(answer.ok && answer.providerMessageId ? { providerMessageId: answer.providerMessageId } : {}), ...response, attempts, requests, config, clock }
    return { status: 'failed', error: next.error, ...response, attempts, requests, config, clock }
  }
}
