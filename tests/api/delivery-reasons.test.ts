import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { explainDelivery } from '../../packages/server/src/delivery/explain-delivery.ts'

// Every held-back message explained as data (issue 11, item 4), on a real Postgres with a moved
// clock: each policy rule that defers or stops a message records its structured reason
// (`policyReason`: kind and params, with the contact's timezone) beside the English sentence, on
// GET /api/deliveries and GET /api/contacts/:id/messages, and the explanation tells times on the
// contact's clock with UTC beside, whichever rule deferred the message.

const YEAR = new Date().getUTCFullYear() + 1

/** A flow entered by `event` sending `count` SMS one after another, on through next or suppressed. */
function smsFlow(event: string, count: number, settings: object = {}) {
  const nodes: object[] = [{ id: 'in', type: 'trigger.event', config: { event } }]
  const edges: object[] = []
  for (let i = 1; i <= count; i++) {
    nodes.push({ id: `sms${i}`, type: 'send.sms', version: 3, config: { text: `Offer ${i}` } })
    if (i === 1) edges.push({ source: 'in', target: 'sms1' })
    else for (const port of ['next', 'suppressed']) edges.push({ source: `sms${i - 1}`, sourcePort: port, target: `sms${i}` })
  }
  return { nodes, edges, settings: { reentry: 'always', ...settings } }
}

/** The contact's deliveries by node id. */
async function byNode(kairos: TestKairos, contact: string): Promise<Record<string, any>> {
  const { deliveries } = (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body
  return Object.fromEntries(deliveries.map((d: any) => [d.node, d]))
}

async function messagesOf(kairos: TestKairos, contact: string): Promise<Record<string, any>> {
  const reply = await kairos.api('GET', `/api/contacts/${contact}/messages`)
  expect(reply.status).toBe(200)
  return Object.fromEntries(reply.body.messages.map((m: any) => [m.node.id, m]))
}

const quiet = { kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'Asia/Shanghai' } }

describe('a deferral by a public holiday alone', () => {
  let kairos: TestKairos
  beforeAll(async () => {
    // 10:00 in Shanghai and 04:00 in Berlin on National Day; no quiet hours.
    kairos = await startTestKairos({ startAt: `${YEAR}-10-01T02:00:00Z` })
    const calendar = await kairos.api('PUT', '/api/calendars/cn-mainland', { format: 'json', content: JSON.stringify({ holidays: [{ date: `${YEAR}-10-01`, name: '国庆节' }] }) })
    expect(calendar.status, JSON.stringify(calendar.body)).toBe(200)
    expect((await kairos.api('PUT', '/api/policies', { holidays: { calendar: 'cn-mainland' } })).status).toBe(200)
    await publishFlow(kairos, 'Holiday promo', smsFlow('promo', 1))
    await kairos.api('PUT', '/api/contacts/h-sh', { attributes: { phone: '+8613900000301', timezone: 'Asia/Shanghai' } })
    await kairos.api('PUT', '/api/contacts/h-ber', { attributes: { phone: '+4915100000302', timezone: 'Europe/Berlin' } })
    for (const contact of ['h-sh', 'h-ber']) await kairos.api('POST', '/api/events', { contact, name: 'promo' })
    await kairos.drain()
  })
  afterAll(() => kairos?.stop())

  it('records the holiday, its name and the next day, and tells the time on each contact\'s own clock with UTC beside', async () => {
    for (const [contact, zone, sendAt, local] of [
      ['h-sh', 'Asia/Shanghai', `${YEAR}-10-01T16:00:00.000Z`, `${YEAR}-10-02 00:00 Asia/Shanghai (${YEAR}-10-01 16:00 UTC)`],
      ['h-ber', 'Europe/Berlin', `${YEAR}-10-01T22:00:00.000Z`, `${YEAR}-10-02 00:00 Europe/Berlin (${YEAR}-10-01 22:00 UTC)`],
    ]) {
      const reason = {
        timeZone: zone,
        deferredBy: [{ kind: 'holiday', params: { calendar: 'cn-mainland', date: `${YEAR}-10-01`, name: '国庆节', nextWorkday: `${YEAR}-10-02`, timeZone: zone } }],
        suppressedBy: null,
      }
      const { sms1 } = await byNode(kairos, contact)
      expect(sms1).toMatchObject({ status: 'scheduled', sendAt, deferredBy: `holiday calendar cn-mainland: 国庆节 (${zone})`, policyReason: reason })
      expect((await messagesOf(kairos, contact)).sms1).toMatchObject({
        policyReason: reason,
        explanation: `held until ${local} by the holiday 国庆节 on ${YEAR}-10-01 (calendar cn-mainland; next allowed day ${YEAR}-10-02)`,
      })
    }
  })
})

describe('every other rule kind', () => {
  let kairos: TestKairos
  let complained: string
  beforeAll(async () => {
    // 23:00 in Shanghai: quiet until 09:00.
    kairos = await startTestKairos({ startAt: `${YEAR}-03-02T15:00:00Z` })
    complained = (await kairos.api('POST', '/api/segments', { name: 'Complained customers', condition: { tag: 'complained' } })).body.id
    const put = await kairos.api('PUT', '/api/policies', {
      quietHours: { from: '21:00', to: '09:00' },
      caps: [{ channel: 'sms', max: 2, per: '1d' }],
      consent: { stopEvents: [{ channel: 'sms', stop: 'sms.stop' }] },
      cooling: [{ name: 'Complained', audience: { segment: complained }, caps: [{ channel: 'sms', max: 1, per: '7d' }] }],
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    await publishFlow(kairos, 'Triple promo', smsFlow('promo', 3))
    await publishFlow(kairos, 'Drip', smsFlow('drip', 2, { caps: [{ channel: 'sms', max: 1, per: '1d' }], onCap: 'wait' }))
    const contacts: Array<[string, object, string[]?]> = [
      ['r-quiet', { phone: '+8613900000311' }],
      ['r-cool', { phone: '+8613900000312' }, ['complained']],
      ['r-opt', { phone: '+8613900000313', consent: { sms: false } }],
      ['r-stop', { phone: '+8613900000314' }],
      ['r-drip', { phone: '+8613900000315' }],
    ]
    for (const [id, attributes, tags] of contacts) await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { timezone: 'Asia/Shanghai', ...attributes }, tags: tags ?? [] })
    for (const contact of ['r-quiet', 'r-cool', 'r-opt', 'r-stop']) await kairos.api('POST', '/api/events', { contact, name: 'promo' })
    await kairos.api('POST', '/api/events', { contact: 'r-drip', name: 'drip' })
    await kairos.drain()
  })
  afterAll(() => kairos?.stop())

  it('quiet hours, told on the contact\'s clock; consent by attribute when decided', async () => {
    const { sms1 } = await byNode(kairos, 'r-quiet')
    expect(sms1).toMatchObject({ status: 'scheduled', deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)', policyReason: { timeZone: 'Asia/Shanghai', deferredBy: [quiet], suppressedBy: null } })
    expect((await messagesOf(kairos, 'r-quiet')).sms1.explanation).toBe(`held until ${YEAR}-03-03 09:00 Asia/Shanghai (${YEAR}-03-03 01:00 UTC) by quiet hours 21:00–09:00`)
    const optOut = { timeZone: 'Asia/Shanghai', deferredBy: null, suppressedBy: { kind: 'consent', params: { channel: 'sms', attribute: 'consent', event: null } } }
    expect((await byNode(kairos, 'r-opt')).sms1).toMatchObject({ status: 'suppressed', suppressedBy: 'consent: sms opted out (consent.sms = false)', policyReason: optOut })
  })

  it('at 09:00: a STOP during the night, a workspace cap, a cooling rule and a flow cap waited for', async () => {
    await kairos.advance('1h')
    await kairos.api('POST', '/api/events', { contact: 'r-stop', name: 'sms.stop' })
    await kairos.advance('9h') // 09:00 in Shanghai
    await kairos.drain()

    // Suppressed when due: the rule that deferred it stays beside the one that stopped it.
    const stopped = (await byNode(kairos, 'r-stop')).sms1
    const stop = { kind: 'consent', params: { channel: 'sms', attribute: null, event: 'sms.stop' } }
    expect(stopped).toMatchObject({ status: 'suppressed', suppressedBy: 'consent: sms opted out by event sms.stop', policyReason: { timeZone: 'Asia/Shanghai', deferredBy: [quiet], suppressedBy: stop } })
    expect((await messagesOf(kairos, 'r-stop')).sms1.explanation).toBe('not sent: the contact opted out of SMS (event sms.stop)')

    const quietOnes = await byNode(kairos, 'r-quiet')
    expect([quietOnes.sms1.status, quietOnes.sms2.status]).toEqual(['sent', 'sent'])
    expect(quietOnes.sms2.policyReason).toBeNull()
    expect(quietOnes.sms3).toMatchObject({
      status: 'suppressed', suppressedBy: 'cap: sms 2 per 1d',
      policyReason: { timeZone: 'Asia/Shanghai', deferredBy: null, suppressedBy: { kind: 'cap', params: { scope: 'workspace', channel: 'sms', max: 2, per: '1d' } } },
    })

    const cooling = { kind: 'cooling', params: { rule: 'Complained', segment: 'Complained customers', channel: 'sms', max: 1, per: '7d' } }
    const cooled = await byNode(kairos, 'r-cool')
    expect(cooled.sms1.status).toBe('sent')
    expect(cooled.sms2).toMatchObject({
      status: 'suppressed', suppressedBy: 'cooling "Complained" (segment "Complained customers"): sms 1 per 7d',
      policyReason: { timeZone: 'Asia/Shanghai', deferredBy: null, suppressedBy: cooling },
    })
    expect((await messagesOf(kairos, 'r-cool')).sms2).toMatchObject({
      policyReason: { suppressedBy: cooling },
      explanation: 'not sent: the cooling rule "Complained" (segment "Complained customers"): at most 1 marketing SMS per 7d',
    })

    // Deferred by a cap alone, it is still told on the contact's clock (the zone is recorded, not read from quiet hours).
    const drip = (await byNode(kairos, 'r-drip')).sms2
    expect(drip).toMatchObject({
      status: 'scheduled', sendAt: `${YEAR}-03-04T01:00:00.000Z`, deferredBy: 'flow cap: sms 1 per 1d (wait)',
      policyReason: { timeZone: 'Asia/Shanghai', deferredBy: [{ kind: 'cap', params: { scope: 'flow', channel: 'sms', max: 1, per: '1d' } }], suppressedBy: null },
    })
    expect((await messagesOf(kairos, 'r-drip')).sms2.explanation).toBe(
      `held until ${YEAR}-03-04 09:00 Asia/Shanghai (${YEAR}-03-04 01:00 UTC) by at most 1 marketing SMS per 1d (this journey's cap)`,
    )
  })

  it('the global control group', async () => {
    expect((await kairos.api('PUT', '/api/policies', { controlGroup: { percent: 50 } })).status).toBe(200)
    const ids = Array.from({ length: 16 }, (_, i) => `r-cg-${i}`)
    for (const id of ids) {
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { phone: `+86139000004${String(i(id)).padStart(2, '0')}`, timezone: 'Asia/Shanghai' } })
      await kairos.api('POST', '/api/events', { contact: id, name: 'promo' })
    }
    await kairos.drain()
    const firsts = await Promise.all(ids.map(async (id) => (await byNode(kairos, id)).sms1))
    const held = firsts.filter((d) => d.status === 'suppressed')
    // 16 contacts at 50%: all out or all in is a chance of 1 in 32,768.
    expect(held.length).toBeGreaterThan(0)
    expect(held.length).toBeLessThan(ids.length)
    for (const d of held) expect(d).toMatchObject({ suppressedBy: 'control_group', policyReason: { timeZone: 'Asia/Shanghai', deferredBy: null, suppressedBy: { kind: 'control_group', params: {} } } })
    for (const d of firsts.filter((d) => d.status !== 'suppressed')) expect(d.policyReason).toBeNull()
  })
})

/** The number in a control-group contact's id. */
const i = (id: string) => Number(id.split('-').at(-1))

describe('a row recorded before its rules were kept as data', () => {
  it('is explained from its sentence, cooling rules and holidays included, on the contact\'s clock when known', () => {
    const sendAt = new Date(`${YEAR}-10-01T16:00:00Z`)
    const base = { status: 'scheduled', sendAt, error: null, reason: null }
    expect(explainDelivery({ ...base, deferredBy: 'holiday calendar cn-mainland: 国庆节 (Asia/Shanghai)' })).toBe(
      `held until ${YEAR}-10-02 00:00 Asia/Shanghai (${YEAR}-10-01 16:00 UTC) by the holiday 国庆节 (calendar cn-mainland)`,
    )
    expect(explainDelivery({ ...base, deferredBy: 'flow cap: sms 1 per 1d (wait)', contactZone: 'Europe/Berlin' })).toBe(
      `held until ${YEAR}-10-01 18:00 Europe/Berlin (${YEAR}-10-01 16:00 UTC) by at most 1 marketing SMS per 1d (this journey's cap)`,
    )
    const suppressed = { ...base, status: 'suppressed', deferredBy: null }
    expect(explainDelivery({ ...suppressed, error: 'cooling "Complained" (segment "Complained customers"): sms 1 per 7d' })).toBe(
      'not sent: the cooling rule "Complained" (segment "Complained customers"): at most 1 marketing SMS per 7d',
    )
    expect(explainDelivery({ ...suppressed, error: 'control_group' })).toBe('not sent: the contact is in the global control group')
  })
})
