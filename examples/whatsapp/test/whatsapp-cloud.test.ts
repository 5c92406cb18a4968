import { describe, expect, it } from 'vitest'
import { SendFailure, systemClock, type ChannelAnswer, type ChannelContext, type ChannelMessage, type ChannelRequest } from '@kairos/sdk'
import whatsappCloud from '../src/whatsapp-cloud.ts'

const config = { phoneNumberId: '106540352242922', token: 'EAAJB3-token', baseUrl: 'https://graph.facebook.com/', apiVersion: 'v21.0' }
const template = { name: 'order_shipped', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] }
const message: ChannelMessage = { id: 'delivery-1', channel: 'whatsapp', to: '+5511987654321', body: 'order_shipped (pt_BR): Ana', subject: null, html: null, data: { template } }

/** The Graph API as `ctx.http` reaches it: the requests made, and a canned answer (or a thrown SendFailure) for each. */
function graph(answer: (request: ChannelRequest) => ChannelAnswer | SendFailure) {
  const requests: Array<{ url: string } & ChannelRequest> = []
  const ctx: ChannelContext<typeof config> = {
    config, channel: 'wa-main', idempotencyKey: 'run:1:2:whatsapp', attempt: 1, maxAttempts: 10, signal: new AbortController().signal, clock: systemClock,
    addresses: async () => [],
    http: {
      async post(url, request) {
        requests.push({ url, ...request })
        const answered = answer(request)
        if (answered instanceof SendFailure) throw answered
        return answered
      },
    },
  }
  return { ctx, requests }
}
const json = (status: number, body: unknown): ChannelAnswer => ({ status, text: JSON.stringify(body), body })
const graphError = (code: number, message: string) => ({ error: { message, type: 'OAuthException', code, fbtrace_id: 'x' } })

describe('whatsapp.cloud', () => {
  it('posts the template to /{version}/{phone number id}/messages with the bearer token, and keeps the wamid', async () => {
    const { ctx, requests } = graph(() => json(200, { messaging_product: 'whatsapp', contacts: [{ input: '+5511987654321', wa_id: '5511987654321' }], messages: [{ id: 'wamid.HBgN1' }] }))
    const outcome = await whatsappCloud.send(message, ctx)
    expect(requests).toEqual([{
      url: 'https://graph.facebook.com/v21.0/106540352242922/messages',
      headers: { authorization: 'Bearer EAAJB3-token' },
      json: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+5511987654321', biz_opaque_callback_data: 'delivery-1', type: 'template', template },
    }])
    expect(outcome).toMatchObject({ status: 'sent', providerMessageId: 'wamid.HBgN1', response: { status: 200 } })
  })

  it('sends a message without a template as text', async () => {
    const { ctx, requests } = graph(() => json(200, { messages: [{ id: 'wamid.2' }] }))
    await whatsappCloud.send({ ...message, data: null, body: 'Your order is on its way' }, ctx)
    expect(requests[0].json).toMatchObject({ type: 'text', text: { preview_url: false, body: 'Your order is on its way' } })
  })

  it('retries 5xx and 429 answers and throttling codes, and fails other 4xx for good with WhatsApp\'s error', async () => {
    const outcome = (status: number, body: unknown) => whatsappCloud.send(message, graph(() => json(status, body)).ctx)
    expect(await outcome(503, graphError(2, 'Service temporarily unavailable'))).toMatchObject({ status: 'failed', retry: true, error: 'WhatsApp error 2 (OAuthException): Service temporarily unavailable' })
    expect(await outcome(429, graphError(130429, 'Rate limit hit'))).toMatchObject({ status: 'failed', retry: true })
    expect(await outcome(400, graphError(131056, 'Pair rate limit hit'))).toMatchObject({ status: 'failed', retry: true })
    expect(await outcome(400, graphError(131026, 'Message undeliverable'))).toMatchObject({ status: 'failed', retry: false, error: 'WhatsApp error 131026 (OAuthException): Message undeliverable' })
    expect(await outcome(401, graphError(190, 'Invalid OAuth access token'))).toMatchObject({ status: 'failed', retry: false, response: { status: 401 } })
    expect(await outcome(502, '<html>Bad gateway</html>')).toMatchObject({ status: 'failed', retry: true, error: 'provider answered HTTP 502' })
  })

  it('leaves a refused or unreachable destination to the SendFailure ctx.http throws', async () => {
    const { ctx } = graph(() => new SendFailure('provider unreachable: socket hang up', { retry: true }))
    await expect(whatsappCloud.send(message, ctx)).rejects.toMatchObject({ retry: true, message: 'provider unreachable: socket hang up' })
  })

  it('declares its base URL as where it sends, and keeps the token, app secret and verify token sealed', () => {
    expect(whatsappCloud.destinations(config)).toEqual([{ field: 'baseUrl', url: 'https://graph.facebook.com/' }])
    expect(whatsappCloud.secret).toEqual(['token', 'appSecret', 'verifyToken'])
    expect(whatsappCloud.carries).toBe('whatsapp')
  })
})
