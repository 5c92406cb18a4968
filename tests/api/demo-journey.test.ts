import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFlowFixture, publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// The demo's cart-abandonment journey, end to end through the API, on both
// branches of "paid already?" and both outcomes of "ordered within 24h?".
describe('cart abandonment journey', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos()
    flowId = await publishFlow(kairos, 'Cart abandonment', await loadFlowFixture('cart-abandonment'))
    for (const [id, name] of [['ada', 'Ada'], ['bob', 'Bob'], ['cy', 'Cy']])
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { name, phone: `+86138000000${id.length}` } })
  })
  afterAll(() => kairos?.stop())

  const trace = async (contact: string) => {
    const { body } = await kairos.api('GET', `/api/runs?flow=${flowId}&contact=${contact}`)
    expect(body.runs).toHaveLength(1)
    const run = await kairos.api('GET', `/api/runs/${body.runs[0].id}`)
    return run.body
  }

  it('reminds an unpaid cart by SMS, then tags it recovered when the order comes', async () => {
    const posted = await kairos.api('POST', '/api/events', { contact: 'ada', name: 'cart_added', properties: { sku: 'TEA-01' } })
    expect(posted.status).toBe(202)
    expect(posted.body).toMatchObject({ accepted: 1, runsStarted: 1 })
    await kairos.drain()
    expect((await trace('ada')).status).toBe('waiting')
    expect((await kairos.api('GET', '/api/deliveries?contact=ada')).body.deliveries).toHaveLength(0)

    await kairos.advance('30m')
    const { body } = await kairos.api('GET', '/api/deliveries?contact=ada')
    expect(body.deliveries).toHaveLength(1)
    expect(body.deliveries[0]).toMatchObject({ channel: 'sms', to: '+861380000003', status: 'sent', node: 'reminder' })
    expect(body.deliveries[0].body).toContain('Hi Ada, your TEA-01 is still waiting')

    await kairos.advance('2h')
    await kairos.api('POST', '/api/events', { contact: 'ada', name: 'order_placed', properties: { total: 42 } })
    await kairos.drain()
    const run = await trace('ada')
    expect(run.status).toBe('completed')
    expect(run.steps.map((s: any) => `${s.node}:${s.port}`)).toEqual([
      'cart:next', 'wait30m:next', 'paid:no', 'reminder:next', 'ordered:received', 'recovered:next',
    ])
    expect((await kairos.api('GET', '/api/contacts/ada')).body.tags).toContain('cart-recovered')
  })

  it('tags the cart abandoned when no order comes within 24 hours', async () => {
    await kairos.api('POST', '/api/events', { contact: 'bob', name: 'cart_added' })
    await kairos.drain()
    await kairos.advance('30m')
    await kairos.advance('23h')
    expect((await trace('bob')).status).toBe('waiting')
    await kairos.advance('1h')
    const run = await trace('bob')
    expect(run.status).toBe('completed')
    expect(run.steps.map((s: any) => `${s.node}:${s.port}`).slice(-2)).toEqual(['ordered:timeout', 'abandoned:next'])
    const contact = (await kairos.api('GET', '/api/contacts/bob')).body
    expect(contact.tags).toEqual(['cart-abandoned'])
    expect((await kairos.api('GET', '/api/deliveries?contact=bob')).body.deliveries[0].body).toContain('your cart is still waiting')
  })

  it('sends nothing when the order was placed before the reminder', async () => {
    await kairos.api('POST', '/api/events', { contact: 'cy', name: 'cart_added' })
    await kairos.drain()
    await kairos.advance('10m')
    await kairos.api('POST', '/api/events', { contact: 'cy', name: 'order_placed' })
    await kairos.advance('20m')
    const run = await trace('cy')
    expect(run.status).toBe('exited')
    expect(run.steps.map((s: any) => `${s.node}:${s.outcome}`)).toEqual(['cart:port', 'wait30m:port', 'paid:port', 'done:exit'])
    expect((await kairos.api('GET', '/api/deliveries?contact=cy')).body.deliveries).toHaveLength(0)
  })
})
