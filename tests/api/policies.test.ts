import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { advanceRuns } from '@kairos/server'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Message policies through the API on a real Postgres: consent, frequency caps
// across flows (under concurrency), quiet hours in the contact's timezone, and
// transactional messages, with the fake clock moved across nights and days.

const YEAR = new Date().getUTCFullYear() + 1
const HOUR = 3_600_000

/** A flow entered by `event` that sends `count` SMS one after another, each going on whether sent or suppressed. */
function smsFlow(event: string, count: number, options: { channel?: string; category?: 'marketing' | 'transactional'; settings?: object } = {}) {
  const nodes: object[] = [{ id: 'in', type: 'trigger.event', config: { event } }]
  const edges: object[] = []
  let previous = 'in'
  for (let i = 1; i <= count; i++) {
    nodes.push({
      id: `sms${i}`, type: 'send.sms', version: 3,
      config: { text: `Offer ${i}`, category: options.category ?? 'marketing', ...(options.channel ? { channel: options.channel } : {}) },
    })
    if (previous === 'in') edges.push({ source: 'in', target: `sms${i}` })
    else for (const port of ['next', 'suppressed']) edges.push({ source: previous, sourcePort: port, target: `sms${i}` })
    previous = `sms${i}`
  }
  return { nodes, edges, settings: { reentry: 'always', ...options.settings } }
}

async function deliveriesOf(kairos: TestKairos, contact: string): Promise<any[]> {
  const { deliveries } = (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body
  return deliveries.sort((a: any, b: any) => a.createdAt.localeCompare(b.createdAt) || (a.node ?? '').localeCompare(b.node ?? ''))
}

async function runsOf(kairos: TestKairos, contact: string): Promise<any[]> {
  const { runs } = (await kairos.api('GET', `/api/runs?contact=${contact}`)).body
  return Promise.all(runs.map(async (r: any) => (await kairos.api('GET', `/api/runs/${r.id}`)).body))
}

const count = (deliveries: any[], status: string) => deliveries.filter((d) => d.status === status).length

describe('the policies API', () => {
  let kairos: TestKairos
  beforeAll(async () => void (kairos = await startTestKairos({ worker: false })))
  afterAll(() => kairos?.stop())

  it('starts with consent only, and stores what is put, defaults filled in', async () => {
    expect((await kairos.api('GET', '/api/policies')).body).toMatchObject({
      caps: [], quietHours: null, onCap: 'suppress', consent: { attribute: 'consent', channels: ['sms', 'email', 'call'], stopEvents: [] },
    })
    const put = await kairos.api('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 2, per: '1d' }, { max: 5, per: '7d' }], quietHours: { from: '21:00', to: '09:00' } })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ caps: [{ channel: 'sms', max: 2, per: '1d' }, { max: 5, per: '7d' }], quietHours: { from: '21:00', to: '09:00' }, onCap: 'suppress' })
    expect((await kairos.api('GET', '/api/policies')).body).toMatchObject({ caps: put.body.caps, quietHours: put.body.quietHours, updatedAt: expect.any(String) })
  })

  it('refuses a bad document naming every field, and keeps the stored one', async () => {
    const bad = await kairos.api('PUT', '/api/policies', {
      caps: [{ channel: 'sms', max: -1, per: '1 day' }], quietHours: { from: '25:00', to: '09:00' }, onCap: 'later', consent: { attribute: 'consent', colour: 'red' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('KAIROS_VALIDATION')
    const fields = bad.body.error.details.map((d: any) => d.field)
    for (const field of ['body.caps[0].max', 'body.caps[0].per', 'body.quietHours.from', 'body.onCap', 'body.consent.colour']) expect(fields).toContain(field)

    const zero = await kairos.api('PUT', '/api/policies', { caps: [{ max: 1, per: '0d' }], quietHours: { from: '09:00', to: '09:00' } })
    expect(zero.status).toBe(400)
    expect(zero.body.error.details.map((d: any) => d.field)).toEqual(['body.caps[0].per', 'body.quietHours.to'])
    expect((await kairos.api('GET', '/api/policies')).body.caps).toHaveLength(2)
  })
})

describe('frequency caps across flows', () => {
  let kairos: TestKairos
  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: `${YEAR}-03-02T02:00:00Z` })
    await kairos.api('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 2, per: '1d' }] })
  })
  afterAll(() => kairos?.stop())

  it('two flows sending 5 SMS to the same contact at once deliver exactly 2 and record 3 suppressed', async () => {
    await publishFlow(kairos, 'Promo A (3 SMS)', smsFlow('promo_a', 3))
    await publishFlow(kairos, 'Promo B (2 SMS)', smsFlow('promo_b', 2))
    const contacts = ['cap-1', 'cap-2', 'cap-3', 'cap-4']
    for (const contact of contacts) await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { phone: '+8613900000100' } })
    // Each event is its own request, so each flow's run starts (and is advanced) in its own transaction, concurrently.
    await Promise.all(contacts.flatMap((contact) => ['promo_a', 'promo_b'].map((name) => kairos.api('POST', '/api/events', { contact, name }))))
    await kairos.drain()

    for (const contact of contacts) {
      const deliveries = await deliveriesOf(kairos, contact)
      expect(deliveries).toHaveLength(5)
      expect(count(deliveries, 'sent')).toBe(2)
      expect(count(deliveries, 'suppressed')).toBe(3)
      for (const d of deliveries.filter((d) => d.status === 'suppressed')) expect(d.error).toBe('cap: sms 2 per 1d')
      // Every suppression is on the step too, through the node's suppressed port.
      const steps = (await runsOf(kairos, contact)).flatMap((run) => run.steps).filter((s: any) => s.port === 'suppressed')
      expect(steps).toHaveLength(3)
      for (const step of steps) expect(step.result).toMatchObject({ status: 'suppressed', reason: 'cap: sms 2 per 1d' })
    }
  })

  it('frees the window a day after the first SMS', async () => {
    await kairos.advance('1d')
    await kairos.api('POST', '/api/events', { contact: 'cap-1', name: 'promo_b' })
    await kairos.drain()
    const deliveries = await deliveriesOf(kairos, 'cap-1')
    expect(count(deliveries, 'sent')).toBe(4)
    expect(count(deliveries, 'suppressed')).toBe(3)
  })

  it('transactional messages ignore caps, and do not count towards them', async () => {
    await publishFlow(kairos, 'Codes', smsFlow('code_requested', 3, { category: 'transactional' }))
    await kairos.api('PUT', '/api/contacts/otp-1', { attributes: { phone: '+8613900000101' } })
    await kairos.api('POST', '/api/events', { contact: 'otp-1', name: 'code_requested' })
    await kairos.drain()
    await kairos.api('POST', '/api/events', { contact: 'otp-1', name: 'promo_b' })
    await kairos.drain()
    const deliveries = await deliveriesOf(kairos, 'otp-1')
    expect(deliveries.map((d) => `${d.category}:${d.status}`).sort()).toEqual([
      'marketing:sent', 'marketing:sent', 'transactional:sent', 'transactional:sent', 'transactional:sent',
    ])
  })
})

describe('frequency caps under concurrent batches', () => {
  let kairos: TestKairos
  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false, startAt: `${YEAR}-03-02T02:00:00Z` })
    await kairos.api('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 2, per: '1d' }] })
  })
  afterAll(() => kairos?.stop())

  /** The runs an event started, as tickets, without a worker to advance them. */
  async function startRuns(contact: string, events: string[]) {
    await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { phone: '+8613900000102' } })
    for (const name of events) await kairos.api('POST', '/api/events', { contact, name })
    const { rows } = await kairos.core.database.pool.query(
      `select r.id::text as run, r.seq from runs r join contacts c on c.id = r.contact_id where c.external_id = $1 and r.status = 'running'`, [contact])
    return rows as Array<{ run: string; seq: number }>
  }

  it('five flows advanced in five transactions at the same instant send 2 SMS: the contact lock serializes them', async () => {
    const events = ['f1', 'f2', 'f3', 'f4', 'f5']
    for (const event of events) await publishFlow(kairos, `Flow ${event}`, smsFlow(event, 1))
    const tickets = await startRuns('race-1', events)
    expect(tickets).toHaveLength(5)
    await Promise.all(tickets.map((ticket) => advanceRuns(kairos.core.execution, [ticket])))
    const deliveries = await deliveriesOf(kairos, 'race-1')
    expect([count(deliveries, 'sent'), count(deliveries, 'suppressed')]).toEqual([2, 3])
  })

  it('in one batch transaction, deliveries not yet written count too', async () => {
    const tickets = await startRuns('race-2', ['f1', 'f2', 'f3', 'f4', 'f5'])
    await advanceRuns(kairos.core.execution, tickets)
    const deliveries = await deliveriesOf(kairos, 'race-2')
    expect([count(deliveries, 'sent'), count(deliveries, 'suppressed')]).toEqual([2, 3])
  })
})

describe('quiet hours', () => {
  const provider = fakeHttpProvider()
  let kairos: TestKairos
  beforeAll(async () => {
    const url = await provider.listen()
    // 23:00 in Shanghai.
    kairos = await startTestKairos({ startAt: `${YEAR}-03-02T15:00:00Z` })
    await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: `${url}/sms`, token: 't' } })
    await kairos.api('PUT', '/api/policies', { quietHours: { from: '21:00', to: '09:00' } })
  })
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  it('a marketing SMS due at 23:00 local goes at 09:00 local, and the run waits for it', async () => {
    await publishFlow(kairos, 'Night promo', smsFlow('night_promo', 1, { channel: 'sms-main' }))
    await kairos.api('PUT', '/api/contacts/night-1', { attributes: { phone: '+8613900000103', timezone: 'Asia/Shanghai' } })
    await kairos.api('POST', '/api/events', { contact: 'night-1', name: 'night_promo' })
    await kairos.drain()
    expect(provider.received).toHaveLength(0)
    expect((await deliveriesOf(kairos, 'night-1'))[0]).toMatchObject({
      status: 'scheduled', sentAt: null, sendAt: `${YEAR}-03-03T01:00:00.000Z`, deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)',
    })
    // The wait for the provider's answer starts when the message is due.
    expect((await runsOf(kairos, 'night-1'))[0]).toMatchObject({ status: 'waiting', wakeAt: `${YEAR}-03-10T01:00:00.000Z` })

    await kairos.advance('9h59m') // 08:59 local
    expect(provider.received).toHaveLength(0)
    await kairos.advance('1m') // 09:00 local
    expect(provider.received).toHaveLength(1)
    const [delivery] = await deliveriesOf(kairos, 'night-1')
    expect(delivery).toMatchObject({ status: 'sent', sentAt: `${YEAR}-03-03T01:00:00.000Z` })
    const [run] = await runsOf(kairos, 'night-1')
    expect(run.status).toBe('completed')
    expect(run.steps[1]).toMatchObject({
      node: 'sms1', port: 'next',
      result: { status: 'sent', deferred: { until: `${YEAR}-03-03T01:00:00.000Z`, rule: 'quiet hours 21:00-09:00 (Asia/Shanghai)' } },
    })
  })

  it("uses the flow's timezone for a contact without one, and a flow's quietHours: null lifts them", async () => {
    // Now 09:00 in Shanghai, 02:00 in Berlin: quiet for a Berlin flow, not for Shanghai.
    await publishFlow(kairos, 'Berlin promo', smsFlow('berlin_promo', 1, { settings: { timezone: 'Europe/Berlin' } }))
    await publishFlow(kairos, 'Anytime promo', smsFlow('anytime_promo', 1, { settings: { timezone: 'Europe/Berlin', quietHours: null } }))
    await kairos.api('PUT', '/api/contacts/night-2', { attributes: { phone: '+8613900000104' } })
    await kairos.api('POST', '/api/events', { contact: 'night-2', name: 'berlin_promo' })
    await kairos.api('POST', '/api/events', { contact: 'night-2', name: 'anytime_promo' })
    await kairos.drain()
    expect((await runsOf(kairos, 'night-2')).map((r) => r.status).sort()).toEqual(['completed', 'waiting'])
    // Outbox only (no channel): scheduled until 09:00 in Berlin, and recorded as sent then.
    let deliveries = await deliveriesOf(kairos, 'night-2')
    expect(deliveries.map((d) => `${d.status}:${d.sendAt}`).sort()).toEqual([
      `scheduled:${YEAR}-03-03T08:00:00.000Z`, `sent:${YEAR}-03-03T01:00:00.000Z`,
    ])
    await kairos.advance('7h')
    expect((await runsOf(kairos, 'night-2')).map((r) => r.status)).toEqual(['completed', 'completed'])
    deliveries = await deliveriesOf(kairos, 'night-2')
    expect(deliveries.map((d) => d.sentAt).sort()).toEqual([`${YEAR}-03-03T01:00:00.000Z`, `${YEAR}-03-03T08:00:00.000Z`])
  })

  it('transactional messages ignore quiet hours', async () => {
    await kairos.advance('13h') // 22:00 local in Shanghai
    await publishFlow(kairos, 'Night codes', smsFlow('night_code', 1, { channel: 'sms-main', category: 'transactional' }))
    await kairos.api('PUT', '/api/contacts/night-3', { attributes: { phone: '+8613900000105', timezone: 'Asia/Shanghai' } })
    provider.received.length = 0
    await kairos.api('POST', '/api/events', { contact: 'night-3', name: 'night_code' })
    await kairos.drain()
    expect(provider.received).toHaveLength(1)
    expect((await deliveriesOf(kairos, 'night-3'))[0]).toMatchObject({ status: 'sent', category: 'transactional' })
  })

  it('a message deferred to the morning is not sent to a contact who opted out during the night', async () => {
    // 22:00 local in Shanghai: the promo waits for 09:00.
    await kairos.api('PUT', '/api/contacts/night-4', { attributes: { phone: '+8613900000108', timezone: 'Asia/Shanghai' } })
    await kairos.api('POST', '/api/events', { contact: 'night-4', name: 'night_promo' })
    await kairos.drain()
    expect((await deliveriesOf(kairos, 'night-4'))[0]).toMatchObject({ status: 'scheduled' })
    await kairos.advance('1h30m')
    await kairos.api('PUT', '/api/contacts/night-4', { attributes: { consent: { sms: false } } })
    provider.received.length = 0
    await kairos.advance('9h30m') // 09:00 local
    expect(provider.received).toHaveLength(0)
    expect((await deliveriesOf(kairos, 'night-4'))[0]).toMatchObject({ status: 'suppressed', error: 'consent: sms opted out (consent.sms = false)' })
    const [run] = await runsOf(kairos, 'night-4')
    expect(run.status).toBe('completed')
    expect(run.steps[1]).toMatchObject({ node: 'sms1', port: 'suppressed', result: { status: 'suppressed', reason: 'consent: sms opted out (consent.sms = false)' } })
  })
})

describe('consent', () => {
  let kairos: TestKairos
  beforeAll(async () => {
    kairos = await startTestKairos()
    await kairos.api('PUT', '/api/policies', { consent: { stopEvents: [{ channel: 'sms', stop: 'sms.stop', start: 'sms.start' }] } })
    await publishFlow(kairos, 'Promo', smsFlow('promo', 1))
    await publishFlow(kairos, 'Codes', smsFlow('code_requested', 1, { category: 'transactional' }))
    await publishFlow(kairos, 'Newsletter', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'newsletter' } },
        { id: 'mail', type: 'send.email', version: 2, config: { subject: 'News', text: 'Hello' } },
      ],
      edges: [{ source: 'in', target: 'mail' }],
      settings: { reentry: 'always' },
    })
  })
  afterAll(() => kairos?.stop())

  it('an opted-out contact gets nothing on that channel, transactional messages included, and still gets email', async () => {
    await kairos.api('PUT', '/api/contacts/optout-1', { attributes: { phone: '+8613900000106', email: 'o@example.com', consent: { sms: false } } })
    for (const name of ['promo', 'code_requested', 'newsletter']) await kairos.api('POST', '/api/events', { contact: 'optout-1', name })
    await kairos.drain()
    const deliveries = await deliveriesOf(kairos, 'optout-1')
    expect(deliveries.map((d) => `${d.channel}:${d.category}:${d.status}:${d.error}`).sort()).toEqual([
      'email:marketing:sent:null',
      'sms:marketing:suppressed:consent: sms opted out (consent.sms = false)',
      'sms:transactional:suppressed:consent: sms opted out (consent.sms = false)',
    ])
    const steps = (await runsOf(kairos, 'optout-1')).flatMap((r) => r.steps).filter((s: any) => s.port === 'suppressed')
    expect(steps).toHaveLength(2)
  })

  it('a STOP reply ingested as an event opts out of SMS until a later start event', async () => {
    await kairos.api('PUT', '/api/contacts/stop-1', { attributes: { phone: '+8613900000107' } })
    await kairos.api('POST', '/api/events', { contact: 'stop-1', name: 'sms.stop' })
    await kairos.advance('1m')
    await kairos.api('POST', '/api/events', { contact: 'stop-1', name: 'promo' })
    await kairos.drain()
    await kairos.advance('1m')
    await kairos.api('POST', '/api/events', { contact: 'stop-1', name: 'sms.start' })
    await kairos.advance('1m')
    await kairos.api('POST', '/api/events', { contact: 'stop-1', name: 'promo' })
    await kairos.drain()
    const deliveries = await deliveriesOf(kairos, 'stop-1')
    expect(deliveries.map((d) => `${d.status}:${d.error}`)).toEqual(['suppressed:consent: sms opted out by event sms.stop', 'sent:null'])
  })
})

describe('onCap wait', () => {
  const provider = fakeHttpProvider()
  let kairos: TestKairos
  beforeAll(async () => {
    const url = await provider.listen()
    kairos = await startTestKairos({ startAt: `${YEAR}-03-02T02:00:00Z` })
    await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: `${url}/sms`, token: 't' } })
  })
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  it("defers a capped message to the end of the flow cap's window instead of suppressing it", async () => {
    await publishFlow(kairos, 'Drip', smsFlow('drip', 2, { channel: 'sms-main', settings: { caps: [{ channel: 'sms', max: 1, per: '1d' }], onCap: 'wait' } }))
    await kairos.api('PUT', '/api/contacts/wait-1', { attributes: { phone: '+8613900000108' } })
    const start = kairos.now().getTime()
    await kairos.api('POST', '/api/events', { contact: 'wait-1', name: 'drip' })
    await kairos.drain()
    expect(provider.received).toHaveLength(1)
    let deliveries = await deliveriesOf(kairos, 'wait-1')
    expect(deliveries.map((d) => d.status)).toEqual(['sent', 'scheduled'])

    await kairos.advance('23h59m')
    expect(provider.received).toHaveLength(1)
    await kairos.advance('1m')
    expect(provider.received).toHaveLength(2)
    deliveries = await deliveriesOf(kairos, 'wait-1')
    expect(deliveries.map((d) => d.status)).toEqual(['sent', 'sent'])
    expect(Date.parse(deliveries[1].sentAt) - start).toBe(24 * HOUR)
    const [run] = await runsOf(kairos, 'wait-1')
    expect(run.status).toBe('completed')
    expect(run.steps.at(-1)).toMatchObject({ node: 'sms2', port: 'next', result: { deferred: { rule: 'flow cap: sms 1 per 1d (wait)' } } })
  })
})
