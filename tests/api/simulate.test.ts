import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { userSession, type SessionClient } from '../support/test-auth.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { rowsChecksum } from './simulate-rows.ts'

// The journey simulator (POST /api/flows/:id/simulate) on a renewal journey that was never
// published: 3 days before a member's subscription ends (08:30 their time) they enter, wait
// for 09:00 their time, leave if they have ordered since, else at 14:00 Beijing time get a
// coupon and an SMS through a real sms.http channel. Workspace policies: 1 marketing SMS a
// day, quiet hours 21:00-09:00 in the contact's zone. The clock starts Monday 1 March 2027,
// 00:00 UTC (08:00 in Shanghai, 01:00 in Berlin, 19:00 on Sunday in New York).
const START = '2027-03-01T00:00:00Z'

const renewal = {
  nodes: [
    { id: 'due', type: 'trigger.date', label: 'Renewal due', config: { attribute: 'subscription_end', offset: '-3d', at: '08:30' } },
    { id: 'morning', type: 'wait.until', label: '09:00', config: { at: '09:00' } },
    { id: 'ordered', type: 'branch', label: 'Ordered since?', config: { branches: [{ port: 'yes', when: { event: 'order_placed', since: 'entry' } }], otherwise: 'no' } },
    { id: 'afternoon', type: 'wait.until', label: '14:00 Beijing time', config: { at: '14:00', timezone: 'Asia/Shanghai' } },
    { id: 'coupon', type: 'coupon', label: 'Unique coupon', config: { pattern: 'RENEW-{XXXXXX}' } },
    { id: 'sms', type: 'send.sms', label: 'SMS with the coupon', config: { text: 'Hi {{ contact.name }} ({{ contact.externalId }}), renew with code {{ coupon.code }} for 15% off.', channel: 'sms-main' } },
  ],
  edges: [
    { source: 'due', target: 'morning' },
    { source: 'morning', target: 'ordered' },
    { source: 'ordered', sourcePort: 'no', target: 'afternoon' },
    { source: 'afternoon', target: 'coupon' },
    { source: 'coupon', target: 'sms' },
  ],
  settings: { reentry: 'once', timezone: 'Asia/Shanghai', goal: { event: 'order_placed', within: '7d' } },
}

describe('POST /api/flows/:id/simulate', () => {
  const provider = fakeHttpProvider()
  let kairos: TestKairos
  let editor: SessionClient
  let flowId: string
  let before: Record<string, string>
  let answer: { status: number; body: any }

  beforeAll(async () => {
    const url = await provider.listen()
    kairos = await startTestKairos({ startAt: START })
    editor = await userSession(kairos.app, kairos.authHeaders, { email: 'editor@kairos.test', role: 'editor' })
    await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: `${url}/send` } })
    await kairos.api('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 1, per: '1d' }], quietHours: { from: '21:00', to: '09:00' } })
    const member = (name: string, timezone: string, extra: Record<string, unknown> = {}) => ({
      attributes: { name, timezone, phone: `+100${name.length}555${name.charCodeAt(0)}`, subscription_end: '2027-03-04', ...extra },
    })
    await kairos.api('PUT', '/api/contacts/mei', member('Mei', 'Asia/Shanghai'))
    await kairos.api('PUT', '/api/contacts/ann', member('Ann', 'Asia/Shanghai'))
    await kairos.api('PUT', '/api/contacts/otto', member('Otto', 'Europe/Berlin'))
    await kairos.api('PUT', '/api/contacts/cy', member('Cy', 'America/New_York'))
    await kairos.api('PUT', '/api/contacts/basil', { attributes: { name: 'Basil', timezone: 'Europe/London' } })
    // Another journey already texted Ann today (for real, through the outbox).
    await publishFlow(kairos, 'Promo', {
      nodes: [{ id: 'promo', type: 'trigger.event', config: { event: 'promo' } }, { id: 'text', type: 'send.sms', config: { text: 'Spring sale!' } }],
      edges: [{ source: 'promo', target: 'text' }],
    })
    await kairos.api('POST', '/api/events', { contact: 'ann', name: 'promo' })
    await kairos.drain()
    const created = await editor.api('POST', '/api/flows', { name: 'Renewal', graph: renewal })
    flowId = created.body.id
    await kairos.drain()

    before = await rowsChecksum(kairos)
    answer = await editor.api('POST', `/api/flows/${flowId}/simulate`, {
      contacts: ['mei', 'ann', 'otto', 'cy', 'basil', 'ghost', { externalId: 'lina', attributes: { name: 'Lina', timezone: 'Asia/Tokyo', phone: '+8190000', subscription_end: '2027-03-05' } }],
      events: [
        { at: '+45m', contact: 'mei', name: 'order_placed', properties: { total: 299 } },
        { at: '2027-03-02T00:00:00Z', contact: 'ghost', name: 'order_placed' },
      ],
      horizon: '5d',
    })
  })
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  const contact = (name: string) => answer.body.contacts.find((c: any) => c.contact === name)
  const steps = (name: string) => contact(name).runs[0].steps.map((s: any) => [s.node, s.port, s.at, s.atLocal])

  it('simulates the draft of a flow never published, from now over the horizon', () => {
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ flow: { id: flowId, version: null, draft: true }, from: '2027-03-01T00:00:00.000Z', to: '2027-03-06T00:00:00.000Z', timezone: 'Asia/Shanghai' })
  })

  it('enters each contact at 08:30 their time and waits for 09:00 their time', () => {
    expect(contact('mei').runs[0]).toMatchObject({ enteredAt: '2027-03-01T00:30:00.000Z', enteredAtLocal: '2027-03-01T08:30:00+08:00', trigger: 'date.reached' })
    expect(contact('otto')).toMatchObject({ timezone: 'Europe/Berlin', runs: [{ enteredAt: '2027-03-01T07:30:00.000Z', enteredAtLocal: '2027-03-01T08:30:00+01:00' }] })
    expect(steps('otto').slice(0, 2)).toEqual([
      ['due', 'next', '2027-03-01T07:30:00.000Z', '2027-03-01T08:30:00+01:00'],
      ['morning', 'next', '2027-03-01T08:00:00.000Z', '2027-03-01T09:00:00+01:00'],
    ])
    expect(steps('cy')[1]).toEqual(['morning', 'next', '2027-03-01T14:00:00.000Z', '2027-03-01T09:00:00-05:00'])
  })

  it('ends the journey of a contact who orders (a scripted event) at the goal', () => {
    const [run] = contact('mei').runs
    expect(run).toMatchObject({ status: 'completed', goal: { reached: true, at: '2027-03-01T00:45:00.000Z' }, waiting: null })
    expect(steps('mei').map(([node, port]: string[]) => `${node}:${port}`)).toEqual(['due:next', 'morning:next', 'ordered:yes'])
    expect(answer.body.totals.goalReached).toBe(1)
  })

  it('issues a coupon and renders the SMS with it, sent at 14:00 Beijing time', () => {
    const sms = contact('lina').runs[0].steps.find((s: any) => s.node === 'sms')
    const coupon = contact('lina').runs[0].steps.find((s: any) => s.node === 'coupon')
    expect(coupon.coupon).toMatch(/^RENEW-[A-Z0-9]{6}$/)
    expect(sms).toMatchObject({ at: '2027-03-02T06:00:00.000Z', atLocal: '2027-03-02T15:00:00+09:00', port: 'next' })
    expect(sms.message).toEqual({
      channel: 'sms', provider: 'sms-main', category: 'marketing', to: '+8190000', subject: null, status: 'sent',
      text: `Hi Lina (lina), renew with code ${coupon.coupon} for 15% off.`,
      sendAt: '2027-03-02T06:00:00.000Z', sendAtLocal: '2027-03-02T15:00:00+09:00', deferredBy: null, suppressedBy: null, policyReason: null,
    })
  })

  it('shows stored contacts under their own external ids in rendered text', () => {
    const sms = contact('otto').runs[0].steps.find((s: any) => s.node === 'sms')
    expect(sms.message.text).toMatch(/^Hi Otto \(otto\), renew with code RENEW-[A-Z0-9]{6} for 15% off\.$/)
  })

  it('defers an SMS due in quiet hours to their end in the contact’s zone, naming the rule', () => {
    // 14:00 in Beijing is 07:00 in Berlin: held until 09:00 there.
    const sms = contact('otto').runs[0].steps.find((s: any) => s.node === 'sms')
    expect(sms).toMatchObject({ at: '2027-03-02T08:00:00.000Z', atLocal: '2027-03-02T09:00:00+01:00', port: 'next', output: { status: 'sent', simulated: true } })
    expect(sms.output).not.toHaveProperty('error')
    expect(sms.message).toMatchObject({
      status: 'sent', sendAt: '2027-03-02T08:00:00.000Z', deferredBy: 'quiet hours 21:00-09:00 (Europe/Berlin)',
      policyReason: { timeZone: 'Europe/Berlin', deferredBy: [{ kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'Europe/Berlin' } }], suppressedBy: null },
    })
    expect(contact('cy').runs[0].steps.find((s: any) => s.node === 'sms').message).toMatchObject({
      sendAt: '2027-03-02T14:00:00.000Z', sendAtLocal: '2027-03-02T09:00:00-05:00', deferredBy: 'quiet hours 21:00-09:00 (America/New_York)',
      policyReason: { timeZone: 'America/New_York', deferredBy: [{ kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'America/New_York' } }], suppressedBy: null },
    })
  })

  it('suppresses the SMS of a contact another flow already texted today (a cap across flows)', () => {
    const sms = contact('ann').runs[0].steps.find((s: any) => s.node === 'sms')
    expect(sms).toMatchObject({ port: 'suppressed', at: '2027-03-01T06:00:00.000Z' })
    expect(sms.message).toMatchObject({
      status: 'suppressed', suppressedBy: 'cap: sms 1 per 1d',
      policyReason: { timeZone: 'Asia/Shanghai', deferredBy: null, suppressedBy: { kind: 'cap', params: { scope: 'workspace', channel: 'sms', max: 1, per: '1d' } } },
    })
    expect(contact('ann').runs[0].steps.find((s: any) => s.node === 'coupon').coupon).toMatch(/^RENEW-/)
  })

  it('adds up messages per channel and day, rules, contacts per step and runs by status', () => {
    const { totals } = answer.body
    expect(totals).toMatchObject({ contacts: 6, entered: 5, goalReached: 1, runs: { completed: 5, waiting: 0, running: 0, failed: 0 } })
    // Days in the flow's zone (Shanghai): Ann's suppression on the 1st; Lina's, Otto's and Cy's (22:00 there) on the 2nd.
    expect(totals.messages).toEqual([
      { day: '2027-03-01', channel: 'sms', sent: 0, deferred: 0, suppressed: 1 },
      { day: '2027-03-02', channel: 'sms', sent: 3, deferred: 2, suppressed: 0 },
    ])
    expect(totals.rules).toEqual(
      expect.arrayContaining([
        { rule: 'cap: sms 1 per 1d', policyRule: { kind: 'cap', params: { scope: 'workspace', channel: 'sms', max: 1, per: '1d' } }, suppressed: 1, deferred: 0 },
        {
          rule: 'quiet hours 21:00-09:00 (Europe/Berlin)', policyRule: { kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'Europe/Berlin' } },
          suppressed: 0, deferred: 1,
        },
        {
          rule: 'quiet hours 21:00-09:00 (America/New_York)', policyRule: { kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'America/New_York' } },
          suppressed: 0, deferred: 1,
        },
      ]),
    )
    expect(totals.steps.map((s: any) => [s.node, s.contacts])).toEqual([['due', 5], ['morning', 5], ['ordered', 5], ['afternoon', 4], ['coupon', 4], ['sms', 4]])
  })

  it('warns about contacts not found, events skipped with them and contacts that never entered', () => {
    expect(answer.body.warnings).toEqual([
      expect.objectContaining({ code: 'contact_not_found', contact: 'ghost' }),
      expect.objectContaining({ code: 'event_skipped', contact: 'ghost' }),
      expect.objectContaining({ code: 'never_entered', contact: 'basil' }),
    ])
  })

  it('changes no row: every table, the job queue included, is as it was', async () => {
    expect(await rowsChecksum(kairos)).toEqual(before)
  })

  it('never hands a message to the provider, even once the days simulated have passed', async () => {
    await kairos.advance('3d')
    expect(provider.received).toEqual([])
    const sent = (await kairos.api('GET', '/api/deliveries?channel=sms')).body.deliveries
    expect(sent.map((d: any) => d.body)).toEqual(['Spring sale!'])
  })

  it('warns when the horizon ends with runs still waiting, and says where they wait', async () => {
    const short = await editor.api('POST', `/api/flows/${flowId}/simulate`, { contacts: ['otto'], horizon: '10h', now: START })
    expect(short.status).toBe(200)
    expect(short.body.contacts[0].runs[0]).toMatchObject({ status: 'waiting', waiting: { node: 'afternoon', until: '2027-03-02T06:00:00.000Z', untilLocal: '2027-03-02T07:00:00+01:00' } })
    expect(short.body.warnings).toEqual([expect.objectContaining({ code: 'still_waiting' })])
  })
})
