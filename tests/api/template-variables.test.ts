import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { keyHeaders } from '../support/test-auth.ts'

// What a message template can use, and what it would leave blank: the variable menu's attribute
// keys (across contacts) and sample events of the trigger, and the preview naming missing values.
describe('template variables and missing values', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos()
    await kairos.api('PUT', '/api/contacts/vip-1', { attributes: { name: 'Mei', tier: 'premium', subscription_end: '2027-01-31' } })
    await kairos.api('PUT', '/api/contacts/vip-2', { attributes: { name: 'Bo', city: 'Shanghai' } })
    await kairos.api('POST', '/api/events', {
      events: [
        { contact: 'vip-2', name: 'renewal_due', properties: { plan: 'yearly' }, occurredAt: '2026-11-01T09:00:00Z' },
        { contact: 'vip-1', name: 'renewal_due', properties: { plan: 'monthly', sku: 'M-1' }, occurredAt: '2026-11-02T09:00:00Z' },
        { contact: 'vip-1', name: 'order_placed', properties: { total: 120 }, occurredAt: '2026-11-03T09:00:00Z' },
      ],
    })
  })
  afterAll(() => kairos?.stop())

  it('lists attribute keys across contacts and the trigger event’s recent events, the contact’s own first', async () => {
    const { status, body } = await kairos.api('GET', '/api/templates/variables?event=renewal_due&contact=vip-2')
    expect(status).toBe(200)
    expect(body.attributes).toEqual(['city', 'name', 'subscription_end', 'tier'])
    expect(body.eventProperties).toEqual(['plan', 'sku'])
    expect(body.events.map((e: { contact: string; name: string }) => [e.contact, e.name])).toEqual([['vip-2', 'renewal_due'], ['vip-1', 'renewal_due']])
    expect(body.events[0]).toMatchObject({ properties: { plan: 'yearly' }, occurredAt: '2026-11-01T09:00:00.000Z' })
    expect((await kairos.api('GET', '/api/templates/variables')).body).toEqual({ attributes: ['city', 'name', 'subscription_end', 'tier'], eventProperties: [], events: [] })
    expect((await kairos.api('GET', '/api/templates/variables?event=')).status).toBe(400)
  })

  it('needs contacts:read: an events-only key is refused', async () => {
    const headers = await keyHeaders(kairos.app, kairos.authHeaders, ['events:write'])
    const res = await kairos.app.inject({ method: 'GET', url: '/api/templates/variables', headers })
    expect(res.statusCode).toBe(403)
  })

  it('names the variables that would render as nothing, except those with a default', async () => {
    const preview = (template: string, contact?: string, event?: unknown) => kairos.api('POST', '/api/templates/preview', { template, contact, event })
    const { body } = await preview('{{ contact.name }}, {{ contact.tier }} {{ coupon.code }} {{ event.properties.plan }} {{ contact.city | default: "你的城市" }}', 'vip-2', { name: 'renewal_due', properties: { plan: 'yearly' } })
    expect(body).toEqual({ text: 'Bo,   yearly Shanghai', missing: ['contact.tier', 'coupon.code'] })
    // No event: what it would read is missing; a variable no scope has at all is too.
    expect((await preview('{{ event.properties.plan }} {{ shop.name }}', 'vip-1')).body.missing).toEqual(['event.properties', 'shop'])
    expect((await preview('{% if contact.tier == "premium" %}{{ contact.name }}{% endif %}', 'vip-1')).body).toEqual({ text: 'Mei', missing: [] })
    await kairos.api('PUT', '/api/contacts/vip-1', { attributes: { coupon: { code: 'RENEW-10', pool: 'renew' } } })
    expect((await preview('Code {{ coupon.code }}', 'vip-1')).body).toEqual({ text: 'Code RENEW-10', missing: [] })
  })
})
