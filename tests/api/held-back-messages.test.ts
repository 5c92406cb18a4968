import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { userSession } from '../support/test-auth.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Every held-back message explained (issue 11, item 4), through the API on a real Postgres with
// the fake clock moved over the night: a message a policy defers is `scheduled` at once, through
// a channel and in the outbox only alike; when due it is checked again against consent and caps,
// then sent (or suppressed with the rule, its run through the suppressed port); and
// GET /api/contacts/:id/messages says why each one waited or did not go.

const YEAR = new Date().getUTCFullYear() + 1
const QUIET = 'quiet hours 21:00-09:00 (Asia/Shanghai)'
const NINE_SHANGHAI = `${YEAR}-03-03T01:00:00.000Z`

/** A flow entered by `event` that sends `count` SMS (v3: next, failed, suppressed), through `channel` or the outbox. */
function smsFlow(event: string, options: { channel?: string; count?: number; settings?: object } = {}) {
  const nodes: object[] = [{ id: 'in', type: 'trigger.event', config: { event } }]
  const edges: object[] = []
  for (let i = 1; i <= (options.count ?? 1); i++) {
    nodes.push({ id: `sms${i}`, type: 'send.sms', version: 3, label: `Offer ${i}`, config: { text: `Offer ${i} for {{ contact.externalId }}`, ...(options.channel ? { channel: options.channel } : {}) } })
    if (i === 1) edges.push({ source: 'in', target: 'sms1' })
    else for (const port of ['next', 'suppressed']) edges.push({ source: `sms${i - 1}`, sourcePort: port, target: `sms${i}` })
  }
  return { nodes, edges, settings: { reentry: 'always', ...options.settings } }
}

async function deliveryOf(kairos: TestKairos, contact: string, node = 'sms1'): Promise<any> {
  const { deliveries } = (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body
  return deliveries.find((d: any) => d.node === node)
}

async function runOf(kairos: TestKairos, contact: string): Promise<any> {
  const { runs } = (await kairos.api('GET', `/api/runs?contact=${contact}`)).body
  expect(runs).toHaveLength(1)
  return (await kairos.api('GET', `/api/runs/${runs[0].id}`)).body
}

async function messagesOf(kairos: TestKairos, contact: string, query = ''): Promise<any> {
  const reply = await kairos.api('GET', `/api/contacts/${contact}/messages${query}`)
  expect(reply.status).toBe(200)
  return reply.body
}

describe('a message deferred by quiet hours, through a channel and in the outbox only', () => {
  const provider = fakeHttpProvider()
  let kairos: TestKairos
  let outboxFlow: string
  /** The outbox flow's report for its one SMS step. */
  const outboxReport = async () => (await kairos.api('GET', `/api/flows/${outboxFlow}/report?from=${YEAR}-03-01T00:00:00Z&to=${YEAR}-03-10T00:00:00Z`)).body.messages.sms1
  beforeAll(async () => {
    const url = await provider.listen()
    // 23:00 in Shanghai: quiet until 09:00.
    kairos = await startTestKairos({ startAt: `${YEAR}-03-02T15:00:00Z` })
    await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: `${url}/sms`, token: 'night-token' } })
    await kairos.api('PUT', '/api/policies', {
      quietHours: { from: '21:00', to: '09:00' },
      consent: { stopEvents: [{ channel: 'sms', stop: 'sms.stop', start: 'sms.start' }] },
    })
    await publishFlow(kairos, 'Night promo by channel', smsFlow('promo_channel', { channel: 'sms-main' }))
    outboxFlow = await publishFlow(kairos, 'Night promo in the outbox', smsFlow('promo_outbox'))
    await kairos.api('PUT', '/api/channels/dialer', { kind: 'call.http', config: { url: `${url}/calls`, token: 'dial-1' } })
    await publishFlow(kairos, 'Night call', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'call_me' } },
        { id: 'call', type: 'call', version: 2, label: 'Renewal call', config: { mode: 'provider', channel: 'dialer', script: 'Hello' } },
      ],
      edges: [{ source: 'in', target: 'call' }],
    })
    for (const [contact, phone] of [['ch-sent', '+8613900000201'], ['ob-sent', '+8613900000202'], ['ch-stop', '+8613900000203'], ['ob-stop', '+8613900000204']])
      await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { phone, timezone: 'Asia/Shanghai' } })
    for (const contact of ['ch-sent', 'ch-stop']) await kairos.api('POST', '/api/events', { contact, name: 'promo_channel' })
    for (const contact of ['ob-sent', 'ob-stop']) await kairos.api('POST', '/api/events', { contact, name: 'promo_outbox' })
    await kairos.api('PUT', '/api/contacts/call-stop', { attributes: { phone: '+8613900000209', timezone: 'Asia/Shanghai' } })
    await kairos.api('POST', '/api/events', { contact: 'call-stop', name: 'call_me' })
    await kairos.drain()
  })
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  it('is scheduled at once with sendAt and deferredBy on both paths, and its run says what it waits for', async () => {
    expect(provider.received).toHaveLength(0)
    for (const contact of ['ch-sent', 'ob-sent', 'ch-stop', 'ob-stop']) {
      const delivery = await deliveryOf(kairos, contact)
      expect(delivery).toMatchObject({ status: 'scheduled', sentAt: null, sendAt: NINE_SHANGHAI, deferredBy: QUIET, suppressedBy: null })
      expect(delivery.provider).toBe(contact.startsWith('ch') ? 'sms-main' : 'outbox')
      const run = await runOf(kairos, contact)
      // The provider's answer may take 7 days from when the message is due, not from now.
      expect(run).toMatchObject({ status: 'waiting', wakeAt: `${YEAR}-03-10T01:00:00.000Z`, waitingForMessage: { delivery: delivery.id, sendAt: NINE_SHANGHAI, deferredBy: QUIET } })
    }
    // The report counts them held back, not sent.
    expect(await outboxReport()).toMatchObject({ sent: 0, scheduled: 2, suppressed: 0, deferred: 2, deferredBy: { [QUIET]: 2 } })
    const { messages } = await messagesOf(kairos, 'ob-sent')
    expect(messages).toEqual([
      expect.objectContaining({
        channel: 'sms', provider: 'outbox', status: 'scheduled', body: 'Offer 1 for ob-sent', sendAt: NINE_SHANGHAI, sentAt: null, deferredBy: QUIET,
        node: { id: 'sms1', label: 'Offer 1', type: 'send.sms' },
        journey: { flowId: expect.any(String), name: 'Night promo in the outbox', runId: expect.any(String) },
        explanation: `held until ${YEAR}-03-03 09:00 Asia/Shanghai (${YEAR}-03-03 01:00 UTC) by quiet hours 21:00–09:00`,
      }),
    ])
  })

  it('a STOP during the night suppresses it on both paths with the rule; the others go at 09:00', async () => {
    await kairos.advance('1h')
    for (const contact of ['ch-stop', 'ob-stop']) await kairos.api('POST', '/api/events', { contact, name: 'sms.stop' })
    expect((await deliveryOf(kairos, 'call-stop', 'call')).status).toBe('scheduled')
    await kairos.api('PUT', '/api/contacts/call-stop', { attributes: { consent: { call: false } } })
    await kairos.advance('8h59m') // 08:59 in Shanghai
    expect(provider.received).toHaveLength(0)
    expect((await deliveryOf(kairos, 'ob-sent')).status).toBe('scheduled')
    await kairos.advance('1m') // 09:00

    // Through the channel, the provider got exactly the one message, as its protocol has it.
    expect(provider.received).toHaveLength(1)
    const [request] = provider.received
    const sent = await deliveryOf(kairos, 'ch-sent')
    expect(request.headers.authorization).toBe('Bearer night-token')
    expect(request.headers['idempotency-key']).toBe(sent.idempotencyKey)
    expect(request.body).toEqual({ id: sent.id, channel: 'sms', to: '+8613900000201', body: 'Offer 1 for ch-sent', idempotencyKey: sent.idempotencyKey })

    for (const contact of ['ch-sent', 'ob-sent']) {
      expect(await deliveryOf(kairos, contact)).toMatchObject({ status: 'sent', sentAt: NINE_SHANGHAI, deferredBy: QUIET })
      const run = await runOf(kairos, contact)
      expect(run).toMatchObject({ status: 'completed', waitingForMessage: null })
      expect(run.steps[1]).toMatchObject({ node: 'sms1', port: 'next', result: { status: 'sent', deferred: { until: NINE_SHANGHAI, rule: QUIET } } })
      expect((await messagesOf(kairos, contact)).messages[0]).toMatchObject({
        status: 'sent', explanation: `held until ${YEAR}-03-03 09:00 Asia/Shanghai (${YEAR}-03-03 01:00 UTC) by quiet hours 21:00–09:00, then sent`,
      })
    }

    const rule = 'consent: sms opted out by event sms.stop'
    for (const contact of ['ch-stop', 'ob-stop']) {
      expect(await deliveryOf(kairos, contact)).toMatchObject({ status: 'suppressed', sentAt: null, suppressedBy: rule, deferredBy: QUIET })
      const run = await runOf(kairos, contact)
      expect(run.status).toBe('completed')
      expect(run.steps[1]).toMatchObject({ node: 'sms1', port: 'suppressed', result: { status: 'suppressed', reason: rule } })
      expect((await messagesOf(kairos, contact)).messages[0]).toMatchObject({
        status: 'suppressed', suppressedBy: rule, explanation: 'not sent: the contact opted out of SMS (event sms.stop)',
      })
    }

    expect(await outboxReport()).toMatchObject({ sent: 1, delivered: 0, scheduled: 0, suppressed: 1, deferred: 2, deferredBy: { [QUIET]: 2 } })

    // A call held back by quiet hours is not placed to a contact who opted out of calls meanwhile: the call node leaves through suppressed.
    const callRule = 'consent: call opted out (consent.call = false)'
    expect(await deliveryOf(kairos, 'call-stop', 'call')).toMatchObject({ status: 'suppressed', suppressedBy: callRule })
    const call = await runOf(kairos, 'call-stop')
    expect(call.status).toBe('completed')
    expect(call.steps[1]).toMatchObject({ node: 'call', port: 'suppressed' })
    expect((await messagesOf(kairos, 'call-stop')).messages[0]).toMatchObject({
      channel: 'call', node: { label: 'Renewal call' }, explanation: 'not sent: the contact opted out of calls (consent.call = false)',
    })
  })
})

describe('caps, explained', () => {
  let kairos: TestKairos
  beforeAll(async () => {
    // 09:00 in Shanghai, no quiet hours.
    kairos = await startTestKairos({ startAt: `${YEAR}-03-02T01:00:00Z` })
    await kairos.api('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 2, per: '1d' }] })
  })
  afterAll(() => kairos?.stop())

  it('a capped SMS is suppressed with the rule, and the contact\'s messages say why, newest first, a page at a time', async () => {
    await publishFlow(kairos, 'Triple promo', smsFlow('triple', { count: 3 }))
    await kairos.api('PUT', '/api/contacts/capped', { attributes: { phone: '+8613900000205' } })
    await kairos.api('POST', '/api/events', { contact: 'capped', name: 'triple' })
    await kairos.drain()
    const all = (await messagesOf(kairos, 'capped')).messages
    expect(all.map((m: any) => `${m.node.id}:${m.status}`).sort()).toEqual(['sms1:sent', 'sms2:sent', 'sms3:suppressed'])
    const capped = all.find((m: any) => m.node.id === 'sms3')
    expect(capped).toMatchObject({ suppressedBy: 'cap: sms 2 per 1d', deferredBy: null, sentAt: null, explanation: 'not sent: at most 2 marketing SMS per 1d' })
    expect(all.filter((m: any) => m.status === 'sent').map((m: any) => m.explanation)).toEqual([null, null])
    expect((await runOf(kairos, 'capped')).steps.at(-1)).toMatchObject({ node: 'sms3', port: 'suppressed', result: { reason: 'cap: sms 2 per 1d' } })

    // Pages: two, then the last one, in the order of the whole list.
    const first = await messagesOf(kairos, 'capped', '?limit=2')
    expect(first.messages).toHaveLength(2)
    expect(first.nextBefore).toEqual(expect.any(String))
    const second = await messagesOf(kairos, 'capped', `?limit=2&before=${encodeURIComponent(first.nextBefore)}`)
    expect(second).toMatchObject({ nextBefore: null })
    expect([...first.messages, ...second.messages].map((m: any) => m.id)).toEqual(all.map((m: any) => m.id))
    const createdAt = all.map((m: any) => m.createdAt)
    expect(createdAt).toEqual([...createdAt].sort().reverse())
  })

  it('a message waiting for a cap\'s window is checked against the caps again when due: a cap tightened meanwhile stops it', async () => {
    await publishFlow(kairos, 'Drip', smsFlow('drip', { count: 2, settings: { caps: [{ channel: 'sms', max: 1, per: '1d' }], onCap: 'wait' } }))
    await kairos.api('PUT', '/api/contacts/dripped', { attributes: { phone: '+8613900000206' } })
    await kairos.api('POST', '/api/events', { contact: 'dripped', name: 'drip' })
    await kairos.drain()
    const waiting = await deliveryOf(kairos, 'dripped', 'sms2')
    expect(waiting).toMatchObject({ status: 'scheduled', deferredBy: 'flow cap: sms 1 per 1d (wait)' })
    expect((await messagesOf(kairos, 'dripped')).messages.find((m: any) => m.id === waiting.id).explanation).toBe(
      `held until ${waiting.sendAt.slice(0, 10)} ${waiting.sendAt.slice(11, 16)} UTC by at most 1 marketing SMS per 1d (this journey's cap)`,
    )

    // The workspace now allows one SMS in two days: the first one is still inside that window when the second comes due.
    await kairos.api('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 1, per: '2d' }] })
    await kairos.advance('1d')
    expect(await deliveryOf(kairos, 'dripped', 'sms2')).toMatchObject({ status: 'suppressed', suppressedBy: 'cap: sms 1 per 2d', sentAt: null })
    const run = await runOf(kairos, 'dripped')
    expect(run.status).toBe('completed')
    expect(run.steps.at(-1)).toMatchObject({ node: 'sms2', port: 'suppressed', result: { status: 'suppressed', reason: 'cap: sms 1 per 2d' } })
  })

  it('a sales user reads the messages of their own contacts only; an unknown contact or a bad cursor is a clear 4xx', async () => {
    for (const rep of ['rosa', 'omar']) await kairos.api('PUT', `/api/sales-reps/${rep}`, { name: rep })
    await kairos.api('PUT', '/api/contacts/rosa-lead', { ownerId: 'rosa', attributes: { phone: '+8613900000207' } })
    await kairos.api('PUT', '/api/contacts/omar-lead', { ownerId: 'omar', attributes: { phone: '+8613900000208' } })
    const rosa = await userSession(kairos.app, kairos.authHeaders, { email: 'rosa@shop.example', role: 'sales', salesRepId: 'rosa' })
    expect((await rosa.api('GET', '/api/contacts/rosa-lead/messages')).body).toEqual({ contact: 'rosa-lead', messages: [], nextBefore: null })
    expect((await rosa.api('GET', '/api/contacts/omar-lead/messages')).status).toBe(404)
    expect((await kairos.api('GET', '/api/contacts/nobody/messages')).status).toBe(404)
    for (const cursor of ['yesterday', `${YEAR}-02-30T00:00:00.000Z~00000000-0000-4000-8000-000000000000`]) {
      const bad = await kairos.api('GET', `/api/contacts/capped/messages?before=${encodeURIComponent(cursor)}`)
      expect(bad.status).toBe(400)
      expect(bad.body.error.details.map((d: any) => d.field)).toEqual(['querystring.before'])
    }
  })
})
