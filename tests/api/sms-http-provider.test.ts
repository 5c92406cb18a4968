import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

interface Received {
  headers: IncomingHttpHeaders
  body: any
}

/** A fake SMS provider on 127.0.0.1 that answers with the scripted statuses in turn. */
function fakeProvider() {
  const received: Received[] = []
  let script: number[] = []
  const server: Server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk) => (text += chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(text) })
      const status = script.shift() ?? 200
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(status < 300 ? { messageId: `m-${received.length}` } : { error: status === 400 ? 'invalid number' : 'try later' }))
    })
  })
  return {
    received,
    script: (statuses: number[]) => void (script = statuses),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe('send.sms through the http provider', () => {
  const provider = fakeProvider()
  let kairos: TestKairos

  beforeAll(async () => {
    const url = await provider.listen()
    kairos = await startTestKairos({ sms: { kind: 'http', url, token: 'secret', timeoutMs: 2000 } })
    await publishFlow(kairos, 'Order confirmation', {
      nodes: [
        { id: 'order', type: 'trigger.event', config: { event: 'order_placed' } },
        { id: 'confirm', type: 'send.sms', config: { text: 'Order {{ event.properties.ref }} confirmed', category: 'transactional' } },
      ],
      edges: [{ source: 'order', target: 'confirm' }],
      settings: { reentry: 'always' },
    })
  })
  afterEach(() => void (provider.received.length = 0))
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  const deliveriesOf = async (contact: string) => (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries

  it('retries a provider that fails twice with 500 and records exactly one sent delivery', async () => {
    provider.script([500, 500, 200])
    await kairos.api('PUT', '/api/contacts/olga', { attributes: { phone: '+8613900000001' } })
    await kairos.api('POST', '/api/events', { contact: 'olga', name: 'order_placed', properties: { ref: 'A-17' } })
    await kairos.drain()
    expect(provider.received).toHaveLength(1)
    expect((await deliveriesOf('olga'))[0]).toMatchObject({ status: 'queued', attempts: 1, error: 'provider answered HTTP 500' })
    await kairos.advance('10s')
    await kairos.advance('30s')
    expect(provider.received).toHaveLength(3)
    const keys = new Set(provider.received.map((r) => r.headers['idempotency-key']))
    expect(keys.size).toBe(1)
    expect(provider.received[0].headers.authorization).toBe('Bearer secret')
    expect(provider.received[0].body).toMatchObject({ channel: 'sms', to: '+8613900000001', body: 'Order A-17 confirmed' })
    const deliveries = await deliveriesOf('olga')
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0]).toMatchObject({
      status: 'sent', provider: 'http', attempts: 3, error: null,
      providerResponse: { status: 200, body: { messageId: 'm-3' } }, idempotencyKey: [...keys][0],
    })
    // Nothing is left to retry: time passing sends nothing more.
    await kairos.advance('1h')
    expect(provider.received).toHaveLength(3)
  })

  it('marks the delivery failed without retrying when the provider refuses it (4xx)', async () => {
    provider.script([400])
    await kairos.api('PUT', '/api/contacts/pia', { attributes: { phone: '+8613900000002' } })
    await kairos.api('POST', '/api/events', { contact: 'pia', name: 'order_placed', properties: { ref: 'B-2' } })
    await kairos.drain()
    await kairos.advance('1h')
    expect(provider.received).toHaveLength(1)
    expect((await deliveriesOf('pia'))[0]).toMatchObject({
      status: 'failed', attempts: 1, error: 'provider answered HTTP 400', providerResponse: { status: 400, body: { error: 'invalid number' } },
    })
  })
})
