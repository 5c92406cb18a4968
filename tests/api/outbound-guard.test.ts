import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { fakeSmtpServer } from '../support/fake-smtp-server.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** An allowed provider that answers every POST to /go with a 307 to `location()`, and anything else with 200. */
function redirector(location: () => string) {
  const received: string[] = []
  const server: Server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      received.push(`${request.method} ${request.url}`)
      if (request.url === '/go') response.writeHead(307, { location: location() }).end()
      else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ stage: 'redirected' }))
    })
  })
  return {
    received,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// The outbound guard: Kairos sends nowhere on the host, the private network or a
// metadata service unless KAIROS_ALLOWED_HOSTS says so; checked when a channel is
// saved and again when a message goes, redirects included.
describe('outbound request guard', () => {
  // Stands for an internal service: its answer must never reach a delivery or a contact.
  const internal = fakeHttpProvider(() => ({ stage: 'internal-secret' }))
  const hop = redirector(() => hopTarget)
  let hopTarget = ''
  let internalUrl: string
  let internalPort: number
  let hopPort: number
  let kairos: TestKairos

  beforeAll(async () => {
    internalUrl = await internal.listen()
    internalPort = Number(new URL(internalUrl).port)
    hopPort = await hop.listen()
    kairos = await startTestKairos({ allowedHosts: [] })
  })
  afterAll(async () => {
    await kairos?.stop()
    await internal.close()
    await hop.close()
  })

  const put = (name: string, kind: string, config: Record<string, unknown>) => kairos.api('PUT', `/api/channels/${name}`, { kind, config })
  const refusedField = (reply: { status: number; body: any }) => {
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('KAIROS_VALIDATION')
    return reply.body.error.details[0]
  }
  const webhookFlow = (channel: string, event: string) => ({
    nodes: [
      { id: 'in', type: 'trigger.event', config: { event } },
      { id: 'sync', type: 'webhook', config: { channel, merge: ['stage'] } },
      { id: 'ok', type: 'tag', config: { add: ['synced'] } },
      { id: 'ko', type: 'tag', config: { add: ['sync-failed'] } },
    ],
    edges: [{ source: 'in', target: 'sync' }, { source: 'sync', sourcePort: 'next', target: 'ok' }, { source: 'sync', sourcePort: 'failed', target: 'ko' }],
    settings: { reentry: 'always' as const },
  })
  const deliveryOf = async (contact: string) => (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries[0]

  it('refuses to save a channel pointed at loopback, a name resolving to it, mapped IPv6 or the metadata service, naming the field', async () => {
    const webhook = refusedField(await put('crm', 'webhook', { url: `${internalUrl}/admin`, secret: 'whsec-0123456789' }))
    expect(webhook.field).toBe('body.config.url')
    expect(webhook.message).toBe(
      `is refused: 127.0.0.1 is a loopback address; Kairos does not send there unless KAIROS_ALLOWED_HOSTS lists it (e.g. 127.0.0.1:${internalPort})`,
    )
    expect(refusedField(await put('sms', 'sms.http', { url: 'http://127.0.0.1:5432/' }))).toMatchObject({ field: 'body.config.url', message: expect.stringContaining('loopback') })
    expect(refusedField(await put('sms', 'sms.http', { url: `http://localhost:${internalPort}/sms` })).message).toMatch(
      /^is refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    )
    expect(refusedField(await put('sms', 'sms.http', { url: `http://[::ffff:127.0.0.1]:${internalPort}/` })).message).toContain('(IPv4 127.0.0.1 inside)')
    expect(refusedField(await put('dialer', 'call.http', { url: 'http://10.0.0.5/calls' })).message).toContain('a private network address')
    expect(refusedField(await put('robot', 'wecom.robot', { webhookUrl: 'http://169.254.169.254/latest/meta-data?key=abc' }))).toMatchObject({
      field: 'body.config.webhookUrl',
      message: expect.stringContaining('a cloud metadata service address'),
    })
    const smtp = refusedField(await put('mail', 'email.smtp', { host: 'localhost', port: 25, from: 'hello@shop.example' }))
    expect(smtp.field).toBe('body.config.host')
    // A refusal names the host, never the path or query (a WeCom robot URL carries its key there).
    expect(JSON.stringify((await put('robot', 'wecom.robot', { webhookUrl: 'http://169.254.169.254/x?key=abc' })).body)).not.toContain('key=abc')
    expect((await kairos.api('GET', '/api/channels')).body.channels).toEqual([])
    expect(internal.received).toHaveLength(0)
  })

  it('saves and sends through an allow-listed host, on the listed port only', async () => {
    await kairos.restart({ allowedHosts: [`127.0.0.1:${internalPort}`] })
    expect((await put('crm', 'webhook', { url: `${internalUrl}/hooks`, secret: 'whsec-0123456789' })).status).toBe(200)
    expect((await put('sms', 'sms.http', { url: 'http://127.0.0.1:5432/' })).status).toBe(400)
    await publishFlow(kairos, 'CRM sync', webhookFlow('crm', 'signed_up'))
    await kairos.api('PUT', '/api/contacts/ada', { attributes: { name: 'Ada' } })
    await kairos.api('POST', '/api/events', { contact: 'ada', name: 'signed_up' })
    await kairos.drain()
    expect(internal.received).toHaveLength(1)
    expect(await deliveryOf('ada')).toMatchObject({ status: 'sent', attempts: 1 })
    expect((await kairos.api('GET', '/api/contacts/ada')).body.attributes.stage).toBe('internal-secret')
  })

  it('checks again at send time: a destination no longer allowed fails the delivery once, with the reason, and nothing is merged', async () => {
    await kairos.restart({ allowedHosts: [] })
    const before = internal.received.length
    await kairos.api('PUT', '/api/contacts/bob', { attributes: { name: 'Bob' } })
    await kairos.api('POST', '/api/events', { contact: 'bob', name: 'signed_up' })
    await kairos.drain()
    await kairos.advance('1h')
    expect(internal.received).toHaveLength(before)
    const delivery = await deliveryOf('bob')
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, providerResponse: null })
    expect(delivery.error).toBe(
      `destination refused: 127.0.0.1 is a loopback address; Kairos does not send there unless KAIROS_ALLOWED_HOSTS lists it (e.g. 127.0.0.1:${internalPort})`,
    )
    const bob = (await kairos.api('GET', '/api/contacts/bob')).body
    expect(bob.attributes.stage).toBeUndefined()
    expect(bob.tags).toContain('sync-failed')
  })

  it('follows a redirect within the allow-list, and refuses one to a forbidden address at send', async () => {
    await kairos.restart({ allowedHosts: [`127.0.0.1:${hopPort}`] })
    const hopUrl = `http://127.0.0.1:${hopPort}`
    expect((await put('hop', 'webhook', { url: `${hopUrl}/go`, secret: 'whsec-0123456789' })).status).toBe(200)
    await publishFlow(kairos, 'Through a redirect', webhookFlow('hop', 'redirected'))

    hopTarget = `${hopUrl}/landed`
    await kairos.api('PUT', '/api/contacts/cy', { attributes: { name: 'Cy' } })
    await kairos.api('POST', '/api/events', { contact: 'cy', name: 'redirected' })
    await kairos.drain()
    expect(hop.received).toEqual(['POST /go', 'POST /landed'])
    expect(await deliveryOf('cy')).toMatchObject({ status: 'sent', providerResponse: { status: 200, body: { stage: 'redirected' } } })

    const before = internal.received.length
    hopTarget = `${internalUrl}/steal`
    await kairos.api('PUT', '/api/contacts/dee', { attributes: { name: 'Dee' } })
    await kairos.api('POST', '/api/events', { contact: 'dee', name: 'redirected' })
    await kairos.drain()
    await kairos.advance('1h')
    expect(internal.received).toHaveLength(before)
    expect(hop.received.slice(2)).toEqual(['POST /go'])
    const delivery = await deliveryOf('dee')
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 })
    expect(delivery.error).toMatch(/^destination refused: redirected to 127\.0\.0\.1:\d+: 127\.0\.0\.1 is a loopback address/)
    expect((await kairos.api('GET', '/api/contacts/dee')).body.attributes.stage).toBeUndefined()
  })

  it('guards the server-wide http SMS provider too', async () => {
    await kairos.restart({ allowedHosts: [], sms: { kind: 'http', url: `${internalUrl}/sms`, timeoutMs: 2000 } })
    await publishFlow(kairos, 'Default SMS', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'otp' } },
        { id: 'sms', type: 'send.sms', config: { text: 'Code 1234', category: 'transactional' } },
      ],
      edges: [{ source: 'in', target: 'sms' }],
    })
    const before = internal.received.length
    await kairos.api('PUT', '/api/contacts/eve', { attributes: { phone: '+8613900000099' } })
    await kairos.api('POST', '/api/events', { contact: 'eve', name: 'otp' })
    await kairos.drain()
    expect(internal.received).toHaveLength(before)
    expect(await deliveryOf('eve')).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringMatching(/^destination refused: 127\.0\.0\.1 is a loopback address/) })
  })

  it('sends mail to the address it checked, verifying the TLS certificate unless the channel turns that off', async () => {
    const smtp = fakeSmtpServer({ startTls: true })
    const port = await smtp.listen()
    try {
      await kairos.restart({ allowedHosts: [`127.0.0.1:${port}`] })
      const mail = (tls?: boolean) => ({ host: '127.0.0.1', port, from: 'hello@shop.example', ...(tls === undefined ? {} : { tlsRejectUnauthorized: tls }) })
      expect((await put('mail-strict', 'email.smtp', mail())).status).toBe(200)
      expect((await put('mail-lax', 'email.smtp', mail(false))).status).toBe(200)
      const emailFlow = (channel: string, event: string) => ({
        nodes: [
          { id: 'in', type: 'trigger.event', config: { event } },
          { id: 'mail', type: 'send.email', config: { channel, to: 'email', subject: 'Hi', text: 'Hello', category: 'transactional' } },
        ],
        edges: [{ source: 'in', target: 'mail' }],
      })
      await publishFlow(kairos, 'Strict mail', emailFlow('mail-strict', 'mail_strict'))
      await publishFlow(kairos, 'Lax mail', emailFlow('mail-lax', 'mail_lax'))
      await kairos.api('PUT', '/api/contacts/fin', { attributes: { email: 'fin@shop.example' } })
      await kairos.api('POST', '/api/events', { events: [{ contact: 'fin', name: 'mail_strict' }, { contact: 'fin', name: 'mail_lax' }] })
      await kairos.drain()
      const deliveries = (await kairos.api('GET', '/api/deliveries?contact=fin')).body.deliveries
      expect(deliveries.find((d: any) => d.provider === 'mail-lax')).toMatchObject({ status: 'sent' })
      expect(deliveries.find((d: any) => d.provider === 'mail-strict')).toMatchObject({ status: 'queued', error: expect.stringMatching(/^SMTP: .*certificate/) })
      expect(smtp.received).toHaveLength(1)
    } finally {
      await smtp.close()
    }
  })
})
