import { createHmac } from 'node:crypto'
import { defineChannel, httpOutcome, HttpUrl, Type, urlDestinations } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/**
 * An HTTP endpoint (a CRM, say) that receives the node's payload as signed
 * JSON: `X-Kairos-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`,
 * so receivers can reject replays and forgeries, and an `Idempotency-Key`
 * header. 5xx, 408, 429 and network errors are retried.
 */
export default defineChannel({
  kind: 'webhook',
  carries: 'webhook',
  title: 'Webhook',
  description: 'An HTTP endpoint (a CRM, say) that receives signed JSON',
  i18n,
  config: Type.Object(
    { url: HttpUrl(), secret: Type.String({ minLength: 8, description: 'HMAC-SHA256 key for the X-Kairos-Signature header' }) },
    { additionalProperties: false },
  ),
  secret: ['secret'],
  destinations: urlDestinations('url'),
  async send(message, ctx) {
    const body = JSON.stringify(message.data ?? {})
    const timestamp = Math.floor(ctx.clock.now().getTime() / 1000)
    const signature = createHmac('sha256', ctx.config.secret).update(`${timestamp}.${body}`).digest('hex')
    const answer = await ctx.http.post(ctx.config.url, {
      body,
      headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey, 'x-kairos-signature': `t=${timestamp},v1=${signature}` },
    })
    return httpOutcome(answer)
  },
})
