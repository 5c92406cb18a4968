import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { deliveryBackoffMs, type ChannelMessage } from '@kairos/sdk'
import { testChannel } from '@kairos/sdk/testing'
import whatsappCloud from '../src/whatsapp-cloud.ts'

type Answer = { status: number; body: unknown } | 'drop' | 'stall'

/**
 * The Graph API on 127.0.0.1: each request gets the next scripted answer (a
 * status and JSON, `drop` to cut the connection, or `stall` to accept the
 * message but answer only a second later), and is recorded as it arrived.
 */
function graphApi() {
  const received: Array<{ method: string; path: string; headers: IncomingHttpHeaders; body: string }> = []
  let script: Answer[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      received.push({ method: request.method!, path: request.url!, headers: request.headers, body })
      const answer = script.shift() ?? { status: 200, body: { messages: [{ id: `wamid.${received.length}` }] } }
      if (answer === 'drop') return void request.socket.destroy()
      if (answer === 'stall') return void setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"messages":[{"id":"wamid.late"}]}'), 1000)
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body))
    })
  })
  return {
    received,
    script: (answers: Answer[]) => void (script = answers),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const graph = graphApi()
let config: { phoneNumberId: string; token: string; baseUrl: string }
beforeAll(async () => void (config = { phoneNumberId: '106540352242922', token: 'EAAJB3-token', baseUrl: `${await graph.listen()}/` }))
afterAll(() => graph.close())
beforeEach(() => void (graph.received.length = 0))

const template = { name: 'order_shipped', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] }
const message: Pick<ChannelMessage, 'to' | 'body'> & Partial<ChannelMessage> = { id: 'delivery-1', to: '+5511987654321', body: 'order_shipped (pt_BR): Ana', data: { template } }
const graphError = (status: number, code: number, text: string): Answer => ({ status, body: { error: { message: text, type: 'OAuthException', code, fbtrace_id: 'x' } } })

describe('whatsapp.cloud', () => {
  it('posts the template to /{version}/{phone number id}/messages with the bearer token, and keeps the wamid', async () => {
    graph.script([{ status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: '+5511987654321', wa_id: '5511987654321' }], messages: [{ id: 'wamid.HBgN1' }] } }])
    const outcome = await testChannel(whatsappCloud, { config, message })
    expect(graph.received).toEqual([{
      method: 'POST', path: '/v21.0/106540352242922/messages', body: JSON.stringify({
        messaging_product: 'whatsapp', recipient_type: 'individual', to: '+5511987654321', biz_opaque_callback_data: 'delivery-1', type: 'template', template,
      }),
      headers: expect.objectContaining({ authorization: 'Bearer EAAJB3-token', 'content-type': 'application/json' }),
    }])
    expect(outcome).toMatchObject({ status: 'sent', providerMessageId: 'wamid.HBgN1', response: { status: 200 }, config: { apiVersion: 'v21.0', timeoutMs: 10_000 } })
  })

  it('sends a message without a template as text', async () => {
    await testChannel(whatsappCloud, { config, message: { ...message, data: null, body: 'Your order is on its way' } })
    expect(JSON.parse(graph.received[0].body)).toMatchObject({ type: 'text', text: { preview_url: false, body: 'Your order is on its way' } })
  })

  it('retries 5xx and 429 answers and throttling codes with the server\'s backoff, and sends once accepted', async () => {
    graph.script([graphError(503, 2, 'Service temporarily unavailable'), graphError(429, 130429, 'Rate limit hit'), graphError(400, 131056, 'Pair rate limit hit')])
    const outcome = await testChannel(whatsappCloud, { config, message })
    expect(outcome.attempts.map((a) => a.answer)).toEqual([
      expect.objectContaining({ ok: false, retry: true, error: 'WhatsApp error 2 (OAuthException): Service temporarily unavailable' }),
      expect.objectContaining({ ok: false, retry: true, error: 'WhatsApp error 130429 (OAuthException): Rate limit hit' }),
      expect.objectContaining({ ok: false, retry: true }),
      expect.objectContaining({ ok: true, providerMessageId: 'wamid.4' }),
    ])
    const waited = outcome.attempts[3].at.getTime() - outcome.attempts[0].at.getTime()
    expect(waited).toBe([1, 2, 3].reduce((sum, n) => sum + deliveryBackoffMs(n), 0))
  })

  // The Graph API takes no Idempotency-Key: a message sent again is a second message on the contact's phone.
  it('does not retry a request WhatsApp got but did not answer (cut, or past timeoutMs): it may have been accepted', async () => {
    graph.script(['drop'])
    const cut = await testChannel(whatsappCloud, { config, message })
    expect(cut).toMatchObject({ status: 'failed', attempts: [expect.anything()] })
    expect(cut.error).toMatch(/^unknown whether WhatsApp accepted the message; not retried to avoid a duplicate \(provider unreachable: .+\)$/)
    expect(graph.received).toHaveLength(1)

    graph.script(['stall'])
    const late = await testChannel(whatsappCloud, { config: { ...config, timeoutMs: 200 }, message })
    expect(late).toMatchObject({
      status: 'failed', attempts: [expect.anything()],
      error: 'unknown whether WhatsApp accepted the message; not retried to avoid a duplicate (provider unreachable: no answer within 200 ms)',
    })
    expect(graph.received).toHaveLength(2)
  })

  it('retries when no connection could be made: nothing reached WhatsApp', async () => {
    const closed = createServer()
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)))
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const outcome = await testChannel(whatsappCloud, { config: { ...config, baseUrl: `http://127.0.0.1:${port}` }, message, maxAttempts: 2 })
    expect(outcome.attempts.map((a) => a.answer)).toEqual([
      expect.objectContaining({ ok: false, retry: true, error: `provider unreachable: connect ECONNREFUSED 127.0.0.1:${port}` }),
      expect.objectContaining({ ok: false, retry: true, error: `provider unreachable: connect ECONNREFUSED 127.0.0.1:${port}` }),
    ])
    expect(outcome.status).toBe('failed')
  })

  it('fails other 4xx answers for good with WhatsApp\'s error, keeping the answer', async () => {
    graph.script([graphError(400, 131026, 'Message undeliverable')])
    expect(await testChannel(whatsappCloud, { config, message })).toMatchObject({
      status: 'failed', attempts: [expect.anything()], error: 'WhatsApp error 131026 (OAuthException): Message undeliverable', response: { status: 400 },
    })
    graph.script([graphError(401, 190, 'Invalid OAuth access token')])
    expect(await testChannel(whatsappCloud, { config, message })).toMatchObject({ status: 'failed', attempts: [expect.anything()], response: { status: 401 } })
  })

  it('says what an answer without a Graph error was, and gives up after the last attempt', async () => {
    graph.script([{ status: 502, body: '<html>Bad gateway</html>' }, { status: 502, body: '<html>Bad gateway</html>' }])
    expect(await testChannel(whatsappCloud, { config, message, maxAttempts: 2 })).toMatchObject({ status: 'failed', error: 'provider answered HTTP 502' })
    expect(graph.received).toHaveLength(2)
  })

  it('is configured as the server would take it: defaults filled in, a bad number id refused', async () => {
    await expect(testChannel(whatsappCloud, { config: { ...config, phoneNumberId: '+1 555' }, message })).rejects.toThrow('config refused: config.phoneNumberId must match pattern')
    expect(whatsappCloud.destinations({ ...config, apiVersion: 'v21.0', timeoutMs: 10_000 })).toEqual([{ field: 'baseUrl', url: config.baseUrl }])
    expect(whatsappCloud.secret).toEqual(['token', 'appSecret', 'verifyToken'])
  })
})
