import { defineChannel, httpOutcome, HttpUrl, Type, urlDestinations } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/**
 * An outbound call provider reached by POSTing JSON `{ id, channel: 'call',
 * to, script, ...data, idempotencyKey }` to a URL (the call node's payload
 * spread in), with the token as a bearer token and an `Idempotency-Key`
 * header. The provider reports the call's outcome later as a `call.completed`
 * event. 5xx, 408, 429 and network errors are retried.
 */
export default defineChannel({
  kind: 'call.http',
  carries: 'call',
  title: 'Calls over HTTP',
  description: 'An outbound call provider reached by POSTing JSON to a URL',
  i18n,
  config: Type.Object({ url: HttpUrl(), token: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false }),
  secret: ['token'],
  destinations: urlDestinations('url'),
  async send(message, ctx) {
    const { url, token } = ctx.config
    const answer = await ctx.http.post(url, {
      json: { id: message.id, channel: 'call', to: message.to, script: message.body, ...message.data, idempotencyKey: ctx.idempotencyKey },
      headers: { 'idempotency-key': ctx.idempotencyKey, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    })
    return httpOutcome(answer)
  },
})
