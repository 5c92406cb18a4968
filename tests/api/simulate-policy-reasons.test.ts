import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// A simulation explains a held-back message with the same data as the engine does: the
// structured `policyReason` (rule kinds and params, the contact's zone) of each message it
// predicts equals what the real delivery records once the clock is moved over the same night.
// At 23:00 in Shanghai, with quiet hours 21:00-09:00, 1 marketing SMS a day and STOP by event,
// a journey sends two SMS in a row. One contact's first SMS waits for 09:00 and goes, the
// second is stopped by the cap; the other contact sends STOP during the night, so their first
// SMS is stopped when it comes due (the quiet hours that deferred it kept beside the consent
// rule) and their second is stopped by consent at once.
const YEAR = new Date().getUTCFullYear() + 1
const START = `${YEAR}-03-02T15:00:00Z`

const twoTexts = {
  nodes: [
    { id: 'in', type: 'trigger.event', config: { event: 'promo' } },
    { id: 'sms1', type: 'send.sms', version: 3, config: { text: 'Offer 1 for {{ contact.externalId }}' } },
    { id: 'sms2', type: 'send.sms', version: 3, config: { text: 'Offer 2 for {{ contact.externalId }}' } },
  ],
  edges: [
    { source: 'in', target: 'sms1' },
    { source: 'sms1', sourcePort: 'next', target: 'sms2' },
    { source: 'sms1', sourcePort: 'suppressed', target: 'sms2' },
  ],
  settings: { reentry: 'once', timezone: 'Asia/Shanghai' },
}

const quiet = { kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'Asia/Shanghai' } }
const cap = { kind: 'cap', params: { scope: 'workspace', channel: 'sms', max: 1, per: '1d' } }
const stop = { kind: 'consent', params: { channel: 'sms', attribute: null, event: 'sms.stop' } }

describe('a simulation explains held-back messages as the engine does', () => {
  let kairos: TestKairos
  let simulated: any

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: START })
    const put = await kairos.api('PUT', '/api/policies', {
      quietHours: { from: '21:00', to: '09:00' },
      caps: [{ channel: 'sms', max: 1, per: '1d' }],
      consent: { stopEvents: [{ channel: 'sms', stop: 'sms.stop' }] },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    const flowId = await publishFlow(kairos, 'Two offers at night', twoTexts)
    await kairos.api('PUT', '/api/contacts/night-owl', { attributes: { phone: '+8613900000401', timezone: 'Asia/Shanghai' } })
    await kairos.api('PUT', '/api/contacts/night-stop', { attributes: { phone: '+8613900000402', timezone: 'Asia/Shanghai' } })

    const reply = await kairos.api('POST', `/api/flows/${flowId}/simulate`, {
      version: 1,
      contacts: ['night-owl', 'night-stop'],
      events: [
        { at: '+0m', contact: '*', name: 'promo' },
        { at: '+1h', contact: 'night-stop', name: 'sms.stop' },
      ],
      horizon: '1d',
    })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    simulated = reply.body

    await kairos.api('POST', '/api/events', { events: [{ contact: 'night-owl', name: 'promo' }, { contact: 'night-stop', name: 'promo' }] })
    await kairos.drain()
    await kairos.advance('1h')
    await kairos.api('POST', '/api/events', { contact: 'night-stop', name: 'sms.stop' })
    await kairos.drain()
    await kairos.advance('9h') // 09:00 in Shanghai
    await kairos.drain()
  })
  afterAll(() => kairos?.stop())

  /** Each simulated message of `contact` by its step: status, the sentences and the reason as data. */
  const predicted = (contact: string) =>
    Object.fromEntries(
      simulated.contacts.find((c: any) => c.contact === contact).runs[0].steps
        .filter((s: any) => s.message)
        .map((s: any) => [s.node, { status: s.message.status, deferredBy: s.message.deferredBy, suppressedBy: s.message.suppressedBy, policyReason: s.message.policyReason }]),
    )
  /** The same of the real deliveries. */
  const recorded = async (contact: string) => {
    const { deliveries } = (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body
    return Object.fromEntries(deliveries.map((d: any) => [d.node, { status: d.status, deferredBy: d.deferredBy, suppressedBy: d.suppressedBy, policyReason: d.policyReason }]))
  }

  it('a quiet-hours deferral and a cap suppression carry the same rules as data', async () => {
    const expected = {
      sms1: { status: 'sent', deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)', suppressedBy: null, policyReason: { timeZone: 'Asia/Shanghai', deferredBy: [quiet], suppressedBy: null } },
      sms2: { status: 'suppressed', deferredBy: null, suppressedBy: 'cap: sms 1 per 1d', policyReason: { timeZone: 'Asia/Shanghai', deferredBy: null, suppressedBy: cap } },
    }
    expect(await recorded('night-owl')).toEqual(expected)
    expect(predicted('night-owl')).toEqual(expected)
  })

  it('a STOP while it waited stops it at due time, the deferring rule kept beside the consent rule', async () => {
    const expected = {
      sms1: {
        status: 'suppressed', deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)', suppressedBy: 'consent: sms opted out by event sms.stop',
        policyReason: { timeZone: 'Asia/Shanghai', deferredBy: [quiet], suppressedBy: stop },
      },
      sms2: { status: 'suppressed', deferredBy: null, suppressedBy: 'consent: sms opted out by event sms.stop', policyReason: { timeZone: 'Asia/Shanghai', deferredBy: null, suppressedBy: stop } },
    }
    expect(await recorded('night-stop')).toEqual(expected)
    expect(predicted('night-stop')).toEqual(expected)
  })

  it('counts each rule in the totals with the same rule as data', () => {
    expect(simulated.totals.rules).toEqual([
      { rule: 'consent: sms opted out by event sms.stop', policyRule: stop, suppressed: 2, deferred: 0 },
      { rule: 'cap: sms 1 per 1d', policyRule: cap, suppressed: 1, deferred: 0 },
      { rule: 'quiet hours 21:00-09:00 (Asia/Shanghai)', policyRule: quiet, suppressed: 0, deferred: 1 },
    ])
  })
})
