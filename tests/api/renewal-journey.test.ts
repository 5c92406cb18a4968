import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { loadFlowFixture, publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// The acceptance journey of the journey pack, built from JSON and run with the
// clock moved hour by hour across three days: 3 days before a premium member's
// subscription ends, their rep is told on WeCom at 09:00 local time each day,
// the member gets an SMS with a unique coupon at 14:00 local, and one day
// before the end the rep gets a call task; an order ends it at once.
describe('renewal of a premium member', () => {
  const wecom = fakeHttpProvider(() => ({ errcode: 0, errmsg: 'ok' }))
  let kairos: TestKairos

  beforeAll(async () => {
    const url = await wecom.listen()
    // Monday 1 March 2027, 00:00 UTC: 08:00 in Shanghai, 01:00 in Berlin.
    kairos = await startTestKairos({ startAt: '2027-03-01T00:00:00Z' })
    await kairos.api('PUT', '/api/channels/sales-robot', { kind: 'wecom.robot', config: { webhookUrl: `${url}/cgi-bin/webhook/send?key=abc` } })
    await kairos.api('PUT', '/api/sales-reps/li', { name: 'Li Lei', wecomId: 'lilei', team: 'renewals' })
    const member = (name: string, timezone: string) => ({
      attributes: { name, timezone, tier: 'premium', phone: `+86139${name.length}0000000`, subscription_end: '2027-03-04' },
    })
    await kairos.api('PUT', '/api/contacts/mei', member('Mei', 'Asia/Shanghai'))
    await kairos.api('PUT', '/api/contacts/otto', member('Otto', 'Europe/Berlin'))
    await kairos.api('PUT', '/api/contacts/zara', member('Zara', 'Asia/Shanghai'))
    await kairos.api('PUT', '/api/contacts/basil', { attributes: { name: 'Basil', tier: 'basic', subscription_end: '2027-03-04' } })
    await publishFlow(kairos, 'Premium renewal', await loadFlowFixture('renewal'))
    const due = (contact: string) => ({ contact, name: 'renewal_due' })
    await kairos.api('POST', '/api/events', { events: [due('mei'), due('otto'), due('zara'), due('basil')] })
    await kairos.drain()
    // Zara orders two hours in, after the first reminder and before the coupon.
    for (let hour = 1; hour <= 72; hour++) {
      await kairos.advance('1h')
      if (hour === 2) await kairos.api('POST', '/api/events', { contact: 'zara', name: 'order_placed', properties: { total: 299 } })
    }
  })
  afterAll(async () => {
    await kairos?.stop()
    await wecom.close()
  })

  const deliveries = async (contact: string, channel: string) =>
    (await kairos.api('GET', `/api/deliveries?contact=${contact}&channel=${channel}`)).body.deliveries.reverse()
  const times = (list: any[]) => list.map((d) => d.createdAt)

  it('tells the rep on WeCom at 09:00 local time on each of the three days', async () => {
    expect(times(await deliveries('mei', 'wecom'))).toEqual(['2027-03-01T01:00:00.000Z', '2027-03-02T01:00:00.000Z', '2027-03-03T01:00:00.000Z'])
    expect(times(await deliveries('otto', 'wecom'))).toEqual(['2027-03-01T08:00:00.000Z', '2027-03-02T08:00:00.000Z', '2027-03-03T08:00:00.000Z'])
    const [first] = await deliveries('mei', 'wecom')
    expect(first).toMatchObject({ status: 'sent', provider: 'sales-robot', to: 'lilei' })
    expect(first.body).toContain('**Mei** has not ordered yet')
    expect(first.body).toContain('<@lilei>')
    const posted = wecom.received.map((r) => r.body)
    expect(posted[0]).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('Renewal in 3 days') } })
  })

  it('sends the SMS with a unique coupon at 14:00 local time', async () => {
    const [mei] = await deliveries('mei', 'sms')
    const [otto] = await deliveries('otto', 'sms')
    expect(mei.createdAt).toBe('2027-03-01T06:00:00.000Z')
    expect(otto.createdAt).toBe('2027-03-01T13:00:00.000Z')
    const meiCode = (await kairos.api('GET', '/api/contacts/mei')).body.attributes.coupon.code
    const ottoCode = (await kairos.api('GET', '/api/contacts/otto')).body.attributes.coupon.code
    expect(meiCode).toMatch(/^RENEW-[A-Z0-9]{6}$/)
    expect(meiCode).not.toBe(ottoCode)
    expect(mei.body).toBe(`Hi Mei, renew your membership with code ${meiCode} for 15% off.`)
    expect(otto.body).toContain(ottoCode)
  })

  it('creates a call task for the rep one day before the end, and the rep closes it', async () => {
    const tasks = (await kairos.api('GET', '/api/tasks?rep=li')).body.tasks
    expect(tasks.map((t: any) => [t.contact, t.kind, t.createdAt, t.dueAt])).toEqual([
      ['mei', 'call', '2027-03-03T01:00:00.000Z', '2027-03-03T09:00:00.000Z'],
      ['otto', 'call', '2027-03-03T08:00:00.000Z', '2027-03-03T16:00:00.000Z'],
    ])
    expect(tasks[0].title).toBe('Renewal call: Mei')
    await kairos.api('POST', `/api/tasks/${tasks[0].id}/complete`, { outcome: 'answered' })
    await kairos.drain()
    const [run] = (await kairos.api('GET', '/api/runs?contact=mei')).body.runs
    const { steps, status } = (await kairos.api('GET', `/api/runs/${run.id}`)).body
    expect(status).toBe('completed')
    expect(steps.at(-1)).toMatchObject({ node: 'call', port: 'answered' })
  })

  it('ends the journey at once when the member orders, and sends them nothing more', async () => {
    const [run] = (await kairos.api('GET', '/api/runs?contact=zara')).body.runs
    expect(run).toMatchObject({ status: 'exited', exitReason: 'exitOn: order_placed' })
    expect(await deliveries('zara', 'sms')).toEqual([])
    expect(await deliveries('zara', 'wecom')).toHaveLength(1)
    expect((await kairos.api('GET', '/api/tasks?contact=zara')).body.tasks).toEqual([])
  })

  it('leaves members who are not premium alone', async () => {
    const [run] = (await kairos.api('GET', '/api/runs?contact=basil')).body.runs
    expect(run.status).toBe('completed')
    expect(await deliveries('basil', 'sms')).toEqual([])
    expect((await kairos.api('GET', '/api/contacts/basil')).body.ownerId).toBeNull()
  })
})
