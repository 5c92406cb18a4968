import { defineChannel, httpOutcome, HttpUrl, Type, urlDestinations } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/**
 * An SMS provider reached by POSTing JSON `{ id, channel: 'sms', to, body,
 * idempotencyKey }` to a URL, with the token as a bearer token and the
 * delivery's idempotency key also in an `Idempotency-Key` header, so the
 * provider can drop a repeat. Also what the server's default provider
 * (KAIROS_SMS_PROVIDER=http) sends through. 5xx, 408, 429 and network
 * errors are retried; other statuses fail the delivery.
 */
export default defineChannel({
  kind: 'sms.http',
  carries: 'sms',
  title: 'SMS over HTTP',
  description: 'An SMS provider reached by POSTing JSON { to, body, idempotencyKey } to a URL',
  i18n,
  config: Type.Object(
    {
      url: HttpUrl(),
      token: Type.Optional(Type.String({ minLength: 1 })),
      timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000, description: 'How long to wait for the provider, in ms (default 10000)' })),
    },
    { additionalProperties: false },
  ),
  secret: ['token'],
  destinations: urlDestinations('url'),
  async send(message, ctx) {
    const { url, token, timeoutMs } = ctx.config
    const answer = await ctx.http.post(url, {
      json: { id: message.id, channel: 'sms', to: message.to, body: message.body, idempotencyKey: ctx.idempotencyKey },
      headers: { 'idempotency-key': ctx.idempotencyKey, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      timeoutMs,
    })
    return httpOutcome(answer)
  },
})
