import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeSmtpServer } from '../support/fake-smtp-server.ts'
import { BINDINGS, fakeSmsProvider, fakeWecomRobot, setUpWorkspace } from '../support/starter-workspace.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Contacts travel through three imported starters on a moved clock, as a team
// would run them the day they publish: messages reach fake providers on
// 127.0.0.1 (SMTP, an sms.http provider, a WeCom group robot), each checking the
// protocol it is spoken to in.

/** Imports a starter with the workspace's channels and pools, publishes it, and returns the flow's id. */
async function importAndPublish(kairos: TestKairos, id: string, language: 'en' | 'zh-CN'): Promise<string> {
  const imported = await kairos.api('POST', `/api/starters/${id}/import`, { language, ...BINDINGS[id] })
  expect(imported.status).toBe(201)
  const published = await kairos.api('POST', `/api/flows/${imported.body.flow.id}/publish`, {})
  expect(published.status, JSON.stringify(published.body)).toBe(200)
  return imported.body.flow.id
}

const steps = async (kairos: TestKairos, flow: string, contact: string) => {
  const { runs } = (await kairos.api('GET', `/api/runs?flow=${flow}&contact=${contact}`)).body
  expect(runs).toHaveLength(1)
  const run = (await kairos.api('GET', `/api/runs/${runs[0].id}`)).body
  return { status: run.status, path: run.steps.map((s: any) => `${s.node}:${s.port ?? s.outcome}`) }
}

describe('the cart-abandonment starter, in Chinese', () => {
  const sms = fakeSmsProvider()
  const wecom = fakeWecomRobot()
  const smtp = fakeSmtpServer()
  let kairos: TestKairos
  let flow: string

  beforeAll(async () => {
    const [smsUrl, wecomUrl, smtpPort] = await Promise.all([sms.listen(), wecom.listen(), smtp.listen()])
    kairos = await startTestKairos()
    await setUpWorkspace(kairos, { sms: smsUrl, wecom: wecomUrl, smtpPort })
    flow = await importAndPublish(kairos, 'cart-abandonment', 'zh-CN')
    for (const [id, name] of [['ada', '艾达'], ['bo', '博'], ['cy', '茜']])
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { name, email: `${id}@shop.example` } })
    // All three add to the cart at once; Cy pays after 10 minutes, Bo after the reminder, Ada never.
    await kairos.api('POST', '/api/events', { events: ['ada', 'bo', 'cy'].map((contact) => ({ contact, name: 'cart_added' })) })
    await kairos.drain()
    await kairos.advance('10m')
    await kairos.api('POST', '/api/events', { contact: 'cy', name: 'order_placed' })
    await kairos.advance('20m')
    await kairos.advance('2h')
    await kairos.api('POST', '/api/events', { contact: 'bo', name: 'order_placed' })
    await kairos.advance('22h')
    await kairos.advance('1h')
  })
  afterAll(async () => {
    await kairos?.stop()
    await Promise.all([sms.close(), wecom.close(), smtp.close()])
  })

  const emails = async (contact: string) => (await kairos.api('GET', `/api/deliveries?contact=${contact}&channel=email`)).body.deliveries.reverse()

  it('emails a reminder 30 minutes after the cart, then the time-limited coupon 24 hours later', async () => {
    const [reminder, offer, ...more] = await emails('ada')
    expect(more).toEqual([])
    expect(reminder).toMatchObject({ status: 'sent', provider: 'mail', to: 'ada@shop.example', node: 'reminder' })
    expect(reminder.body).toContain('艾达好')
    const code = (await kairos.api('GET', '/api/contacts/ada')).body.attributes.coupon.code
    expect(code).toMatch(/^CART-\d{4}$/)
    expect(offer).toMatchObject({ status: 'sent', node: 'offer' })
    expect(offer.body).toContain(`优惠码 ${code}`)
    expect(offer.body).toContain('48 小时内有效')
    expect(new Date(offer.createdAt).getTime() - new Date(reminder.createdAt).getTime()).toBe(24 * 3_600_000)
    expect(smtp.received.filter((m) => m.to.includes('ada@shop.example'))).toHaveLength(2)
    expect(await steps(kairos, flow, 'ada')).toEqual({
      status: 'completed',
      path: ['cart:next', 'wait30m:next', 'paid:no', 'reminder:next', 'ordered:timeout', 'coupon:next', 'offer:next'],
    })
  })

  it('tags the cart recovered when the order comes after the reminder, and sends no coupon', async () => {
    expect((await emails('bo')).map((d: any) => d.node)).toEqual(['reminder'])
    expect((await kairos.api('GET', '/api/contacts/bo')).body.tags).toEqual(['cart-recovered'])
    expect((await steps(kairos, flow, 'bo')).path.slice(-2)).toEqual(['ordered:received', 'recovered:next'])
  })

  it('ends at once, sending nothing, for a cart paid within 30 minutes', async () => {
    expect(await emails('cy')).toEqual([])
    const run = await steps(kairos, flow, 'cy')
    expect(run).toEqual({ status: 'exited', path: ['cart:next', 'wait30m:next', 'paid:yes', 'bought:exit'] })
  })
})

describe('the premium-renewal starter', () => {
  const sms = fakeSmsProvider()
  const wecom = fakeWecomRobot()
  const smtp = fakeSmtpServer()
  let kairos: TestKairos

  beforeAll(async () => {
    const [smsUrl, wecomUrl, smtpPort] = await Promise.all([sms.listen(), wecom.listen(), smtp.listen()])
    // Monday 1 March 2027, 00:00 UTC: 08:00 in Shanghai, 01:00 in Berlin.
    kairos = await startTestKairos({ startAt: '2027-03-01T00:00:00Z' })
    await setUpWorkspace(kairos, { sms: smsUrl, wecom: wecomUrl, smtpPort })
    const member = (name: string, timezone: string, tier = 'premium') => ({
      attributes: { name, timezone, tier, phone: `+86139${name.length}0000000`, subscription_end: '2027-03-04' },
    })
    await kairos.api('PUT', '/api/contacts/mei', member('Mei', 'Asia/Shanghai'))
    await kairos.api('PUT', '/api/contacts/otto', member('Otto', 'Europe/Berlin'))
    await kairos.api('PUT', '/api/contacts/zara', member('Zara', 'Asia/Shanghai'))
    await kairos.api('PUT', '/api/contacts/basil', member('Basil', 'Asia/Shanghai', 'basic'))
    await importAndPublish(kairos, 'premium-renewal', 'en')
    await kairos.drain()
    // Zara orders two hours in, after the first reminder and before the coupon.
    for (let hour = 1; hour <= 72; hour++) {
      await kairos.advance('1h')
      if (hour === 2) await kairos.api('POST', '/api/events', { contact: 'zara', name: 'order_placed', properties: { total: 299 } })
    }
  })
  afterAll(async () => {
    await kairos?.stop()
    await Promise.all([sms.close(), wecom.close(), smtp.close()])
  })

  const deliveries = async (contact: string, channel: string) =>
    (await kairos.api('GET', `/api/deliveries?contact=${contact}&channel=${channel}`)).body.deliveries.reverse()
  const times = (list: any[]) => list.map((d) => d.createdAt)

  it('reminds the rep on WeCom at 09:00 local time on each of the three days, mentioning them', async () => {
    expect(times(await deliveries('mei', 'wecom'))).toEqual(['2027-03-01T01:00:00.000Z', '2027-03-02T01:00:00.000Z', '2027-03-03T01:00:00.000Z'])
    expect(times(await deliveries('otto', 'wecom'))).toEqual(['2027-03-01T08:00:00.000Z', '2027-03-02T08:00:00.000Z', '2027-03-03T08:00:00.000Z'])
    const [first] = await deliveries('mei', 'wecom')
    expect(first).toMatchObject({ status: 'sent', provider: 'sales-robot', to: 'lilei' })
    const posted = wecom.received.map((r) => r.body.markdown.content)
    const toMei = posted.find((text) => text.startsWith('Renewal in 3 days: **Mei**'))
    expect(toMei).toBe('Renewal in 3 days: **Mei** (+8613930000000) has not renewed yet. Subscription ends 2027-03-04.\n<@lilei>')
    expect(wecom.received.every((r) => r.raw.includes('"msgtype":"markdown"'))).toBe(true)
  })

  it('sends the member an SMS with a code from the pool at 14:00 local time, through the provider (which checks its token)', async () => {
    const [mei, ...moreMei] = await deliveries('mei', 'sms')
    const [otto] = await deliveries('otto', 'sms')
    expect(moreMei).toEqual([])
    expect(mei).toMatchObject({ status: 'sent', provider: 'sms-main', createdAt: '2027-03-01T06:00:00.000Z' })
    expect(otto.createdAt).toBe('2027-03-01T13:00:00.000Z')
    const meiCode = (await kairos.api('GET', '/api/contacts/mei')).body.attributes.coupon.code
    expect(meiCode).toMatch(/^RENEWAL-\d{4}$/)
    expect(mei.body).toBe(`Hi Mei, your premium membership ends on 2027-03-04. Renew with code ${meiCode} for 15% off.`)
    expect(sms.received.map((m) => m.to).sort()).toEqual(['+8613930000000', '+8613940000000'])
    expect(sms.received.find((m) => m.to === '+8613930000000')?.body).toBe(mei.body)
  })

  it('gives the rep a call task one day before the end', async () => {
    const tasks = (await kairos.api('GET', '/api/tasks?rep=li')).body.tasks
    expect(tasks.map((t: any) => [t.contact, t.kind, t.title, t.createdAt, t.dueAt])).toEqual([
      ['mei', 'call', 'Renewal call: Mei', '2027-03-03T01:00:00.000Z', '2027-03-03T09:00:00.000Z'],
      ['otto', 'call', 'Renewal call: Otto', '2027-03-03T08:00:00.000Z', '2027-03-03T16:00:00.000Z'],
    ])
  })

  it('ends at once when the member orders, and sends them nothing more', async () => {
    const [run] = (await kairos.api('GET', '/api/runs?contact=zara')).body.runs
    expect(run).toMatchObject({ status: 'exited', exitReason: 'exitOn: order_placed' })
    expect(await deliveries('zara', 'sms')).toEqual([])
    expect(await deliveries('zara', 'wecom')).toHaveLength(1)
  })

  it('lets members who are not premium alone', async () => {
    expect((await kairos.api('GET', '/api/runs?contact=basil')).body.runs).toEqual([])
  })
})

describe('the win-back starter, on its suggested segment', () => {
  const sms = fakeSmsProvider()
  const wecom = fakeWecomRobot()
  const smtp = fakeSmtpServer()
  let kairos: TestKairos
  let flow: string

  beforeAll(async () => {
    const [smsUrl, wecomUrl, smtpPort] = await Promise.all([sms.listen(), wecom.listen(), smtp.listen()])
    // Tuesday 2 March 2027, 01:00 UTC: the daily tick is at 10:00 (the English starter's zone is UTC).
    kairos = await startTestKairos({ startAt: '2027-03-02T01:00:00Z' })
    await setUpWorkspace(kairos, { sms: smsUrl, wecom: wecomUrl, smtpPort })
    const suggested = (await kairos.api('GET', '/api/starters')).body.starters.find((s: any) => s.id === 'win-back').needs.segments[0].suggested
    const segment = (await kairos.api('POST', '/api/segments', { name: suggested.name.en, condition: suggested.condition })).body.id
    const customer = async (id: string, averageOrderValue: number, daysSinceOrder: number, interval = 10) => {
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { name: id, phone: `+86137${id.length}0000000`, order_interval_days: interval, average_order_value: averageOrderValue } })
      await kairos.api('POST', '/api/events', { contact: id, name: 'order_placed', occurredAt: new Date(kairos.now().getTime() - daysSinceOrder * 86_400_000).toISOString() })
    }
    await customer('vip', 800, 20)
    await customer('regular', 120, 25)
    // Buys about monthly and ordered 3 days ago: not dormant in the fortnight this test covers.
    await customer('active', 900, 3, 30)
    const imported = await kairos.api('POST', '/api/starters/win-back/import', { ...BINDINGS['win-back'], segments: { 'dormant-customers': segment } })
    flow = imported.body.flow.id
    expect((await kairos.api('POST', `/api/flows/${flow}/publish`, {})).status).toBe(200)
    await kairos.advance('9h')
    await kairos.advance('2d')
    await kairos.api('POST', '/api/events', { contact: 'regular', name: 'order_placed', properties: { total: 80 } })
    for (let day = 0; day < 12; day++) await kairos.advance('1d')
  })
  afterAll(async () => {
    await kairos?.stop()
    await Promise.all([sms.close(), wecom.close(), smtp.close()])
  })

  const texts = async (contact: string) => (await kairos.api('GET', `/api/deliveries?contact=${contact}&channel=sms`)).body.deliveries.map((d: any) => [d.node, d.createdAt, d.body])

  it('tags the dormant at the 10:00 tick and recalls them by order value: a coupon for the valued, news for the rest', async () => {
    const code = (await kairos.api('GET', '/api/contacts/vip')).body.attributes.coupon.code
    expect(code).toMatch(/^WINBACK-\d{4}$/)
    expect(await texts('vip')).toEqual([['vip-offer', '2027-03-02T10:00:00.000Z', `vip, we miss you! Here is 20% off your next order: ${code}, valid for 14 days.`]])
    expect((await texts('regular')).map(([node]: string[]) => node)).toEqual(['news'])
    expect(await texts('active')).toEqual([])
    expect((await kairos.api('GET', `/api/runs?flow=${flow}&contact=active`)).body.runs).toEqual([])
  })

  it('marks those who order within 14 days won back, and leaves the others dormant', async () => {
    expect((await kairos.api('GET', '/api/contacts/regular')).body.tags).toEqual(['won-back'])
    expect((await kairos.api('GET', '/api/contacts/vip')).body.tags).toEqual(['dormant'])
    const [run] = (await kairos.api('GET', `/api/runs?flow=${flow}&contact=vip`)).body.runs
    expect(run.status).toBe('completed')
    // The daily ticks since found the vip dormant still, and did not let them in again: at most every 30 days.
    const { ticks } = (await kairos.api('GET', `/api/flows/${flow}/ticks?limit=50`)).body
    const done = ticks.filter((t: any) => t.status === 'done')
    expect(done.length).toBeGreaterThanOrEqual(12)
    expect(done.filter((t: any) => t.entered > 0).map((t: any) => [t.tickAt, t.entered])).toEqual([['2027-03-02T10:00:00.000Z', 2]])
    expect(done.filter((t: any) => t.tickAt > '2027-03-05').every((t: any) => t.notEntered === 1)).toBe(true)
    expect((await kairos.api('GET', `/api/runs?flow=${flow}&contact=vip`)).body.runs).toHaveLength(1)
  })
})
