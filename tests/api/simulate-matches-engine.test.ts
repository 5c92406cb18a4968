import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { loadFlowFixture, publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// The simulator runs the engine's own code, so what it predicts is what happens: the renewal
// journey (tests/fixtures/renewal.flow.json: a rep told on WeCom at 09:00 each day, an SMS
// with a coupon at 14:00, a call task the last day) for a Shanghai and a Berlin member, one of
// whom orders on the second day, is first simulated over four days, then run for real with the
// clock moved hour by hour over the same days and the same order. Steps (node, port, time) and
// messages (channel, text, time) must match; coupon codes are drawn anew, so they are masked.
const START = '2027-03-01T00:00:00Z'
const ORDER_AFTER_HOURS = 27

describe('a simulation predicts what the engine does', () => {
  const wecom = fakeHttpProvider(() => ({ errcode: 0, errmsg: 'ok' }))
  let kairos: TestKairos
  let simulated: any

  beforeAll(async () => {
    const url = await wecom.listen()
    kairos = await startTestKairos({ startAt: START })
    await kairos.api('PUT', '/api/channels/sales-robot', { kind: 'wecom.robot', config: { webhookUrl: `${url}/cgi-bin/webhook/send?key=abc` } })
    await kairos.api('PUT', '/api/sales-reps/li', { name: 'Li Lei', wecomId: 'lilei', team: 'renewals' })
    const member = (name: string, timezone: string) => ({ attributes: { name, timezone, tier: 'premium', phone: `+86139${name.length}0000000`, subscription_end: '2027-03-04' } })
    await kairos.api('PUT', '/api/contacts/mei', member('Mei', 'Asia/Shanghai'))
    await kairos.api('PUT', '/api/contacts/otto', member('Otto', 'Europe/Berlin'))
    const flowId = await publishFlow(kairos, 'Premium renewal', await loadFlowFixture('renewal'))

    const reply = await kairos.api('POST', `/api/flows/${flowId}/simulate`, {
      version: 1,
      contacts: ['mei', 'otto'],
      events: [
        { at: '+0m', contact: '*', name: 'renewal_due' },
        { at: `+${ORDER_AFTER_HOURS}h`, contact: 'otto', name: 'order_placed', properties: { total: 299 } },
      ],
      horizon: '4d',
    })
    expect(reply.status).toBe(200)
    simulated = reply.body
    expect(wecom.received).toEqual([])

    await kairos.api('POST', '/api/events', { events: [{ contact: 'mei', name: 'renewal_due' }, { contact: 'otto', name: 'renewal_due' }] })
    await kairos.drain()
    for (let hour = 1; hour <= 96; hour++) {
      await kairos.advance('1h')
      if (hour === ORDER_AFTER_HOURS) {
        await kairos.api('POST', '/api/events', { contact: 'otto', name: 'order_placed', properties: { total: 299 } })
        await kairos.drain()
      }
    }
  })
  afterAll(async () => {
    await kairos?.stop()
    await wecom.close()
  })

  const mask = (text: string) => text.replace(/RENEW-[A-Z0-9]{6}/g, 'RENEW-······')
  const realRun = async (contact: string) => {
    const [run] = (await kairos.api('GET', `/api/runs?contact=${contact}`)).body.runs
    return (await kairos.api('GET', `/api/runs/${run.id}`)).body
  }
  const simulatedRun = (contact: string) => simulated.contacts.find((c: any) => c.contact === contact).runs[0]

  for (const contact of ['mei', 'otto'])
    it(`takes ${contact} through the same steps at the same times, and ends the same way`, async () => {
      const real = await realRun(contact)
      const predicted = simulatedRun(contact)
      expect(predicted.steps.map((s: any) => [s.node, s.port, s.at])).toEqual(real.steps.map((s: any) => [s.node, s.port, s.leftAt]))
      expect([predicted.status, predicted.exitReason]).toEqual([real.status, real.exitReason])
      expect(predicted.steps.length).toBeGreaterThan(5)
    })

  it('predicts every message the journey sent: channel, text and time', async () => {
    for (const contact of ['mei', 'otto']) {
      const real = (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries
      const predicted = simulatedRun(contact).steps.filter((s: any) => s.message).map((s: any) => s.message)
      const shape = (list: Array<{ channel: string; text: string; at: string }>) => list.map((m) => [m.channel, mask(m.text), m.at]).sort()
      expect(shape(predicted.map((m: any) => ({ channel: m.channel, text: m.text, at: m.sendAt })))).toEqual(
        shape(real.map((d: any) => ({ channel: d.channel, text: d.body, at: d.sentAt ?? d.createdAt }))),
      )
      expect(predicted.length).toBeGreaterThan(0)
    }
    // The real run reached the WeCom robot; the simulation, before it, did not.
    expect(wecom.received.length).toBeGreaterThan(0)
  })
})
