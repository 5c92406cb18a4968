import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** A provider that answers every request with a 307 to `location`. */
function movedProvider(location: () => string) {
  const received: string[] = []
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      received.push(`${request.method} ${request.url}`)
      response.writeHead(307, { location: location() }).end()
    })
  })
  return {
    received,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// A channel sends only where its kind declares for its config, redirects included: a provider answering
// 307 to another origin would otherwise get the message's headers (the signature) and body.
describe('a channel whose provider redirects to an origin it does not declare', () => {
  const elsewhere = fakeHttpProvider()
  let elsewhereUrl: string
  const moved = movedProvider(() => `${elsewhereUrl}/stolen`)
  let movedPort: number
  let kairos: TestKairos

  beforeAll(async () => {
    elsewhereUrl = await elsewhere.listen()
    movedPort = await moved.listen()
    // Both are on 127.0.0.1, which the outbound guard lets through here: only the declared origin stops the hop.
    kairos = await startTestKairos()
  })
  afterAll(async () => {
    await kairos?.stop()
    await elsewhere.close()
    await moved.close()
  })

  it('sends nothing to the redirect target and fails the delivery for good, saying why', async () => {
    const saved = await kairos.api('PUT', '/api/channels/crm', { kind: 'webhook', config: { url: `http://127.0.0.1:${movedPort}/hooks`, secret: 'whsec-0123456789' } })
    expect(saved.status).toBe(200)
    await publishFlow(kairos, 'CRM sync', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'signed_up' } },
        { id: 'sync', type: 'webhook', config: { channel: 'crm' } },
      ],
      edges: [{ source: 'in', target: 'sync' }],
    })
    await kairos.api('PUT', '/api/contacts/ada', { attributes: { name: 'Ada' } })
    await kairos.api('POST', '/api/events', { contact: 'ada', name: 'signed_up' })
    await kairos.drain()
    await kairos.advance('1h')

    expect(moved.received).toEqual(['POST /hooks'])
    expect(elsewhere.received).toHaveLength(0)
    const delivery = (await kairos.api('GET', '/api/deliveries?contact=ada')).body.deliveries[0]
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 })
    expect(delivery.error).toBe(
      `destination refused: the provider redirected to ${new URL(elsewhereUrl).host}, which is not among the destinations this channel's kind declares for its config`,
    )
  })
})
