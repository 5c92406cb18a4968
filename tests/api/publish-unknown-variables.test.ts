import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { keyHeaders } from '../support/test-auth.ts'

// Unknown variables before publishing: a template reading what no contact has and no recent event
// of the trigger carries is a warning on its step and field, asked before publishing and listed
// in the publish reply; it never blocks the publish (a new attribute may not have arrived yet).
describe('publish warnings: unknown template variables', () => {
  let kairos: TestKairos

  const renewal = (text: string, extra: unknown[] = []) => ({
    nodes: [
      { id: 'start', type: 'trigger.event', config: { event: 'renewal_due' } },
      { id: 'remind', type: 'send.sms', label: 'Reminder', config: { text } },
      ...extra,
    ],
    edges: [{ source: 'start', target: 'remind' }],
  })
  const draft = async (graph: unknown) => (await kairos.api('POST', '/api/flows', { name: 'Renewal', graph })).body.id as string

  beforeAll(async () => {
    kairos = await startTestKairos()
    await kairos.api('PUT', '/api/contacts/vip-1', { attributes: { name: 'Mei', tier: 'premium', phone: '+8613800000001' } })
    await kairos.api('PUT', '/api/contacts/vip-2', { attributes: { name: 'Bo', city: 'Shanghai' } })
    await kairos.api('POST', '/api/events', { events: [{ contact: 'vip-1', name: 'renewal_due', properties: { plan: 'yearly' }, occurredAt: '2026-11-01T09:00:00Z' }] })
  })
  afterAll(() => kairos?.stop())

  it('names each unknown contact attribute, event property and coupon by step and field, and nothing a contact or event has', async () => {
    const id = await draft(renewal('{{ contact.name }} {{ contact.teir }} {{ contact.city }} {{ event.properties.plan }} {{ event.properties.sku }} {{ coupon.code }} {{ contact.nick | default: "friend" }}'))
    const { status, body } = await kairos.api('GET', `/api/flows/${id}/publish-warnings`)
    expect(status).toBe(200)
    expect(body.warnings).toEqual([
      { node: 'remind', field: 'config.text', variable: 'contact.teir', reason: 'attribute', events: [], message: 'uses {{ contact.teir }}, which no contact has' },
      { node: 'remind', field: 'config.text', variable: 'coupon.code', reason: 'coupon', events: [], message: 'uses {{ coupon.code }}, but no step issues a coupon and no contact has one' },
      {
        node: 'remind', field: 'config.text', variable: 'event.properties.sku', reason: 'eventProperty', events: ['renewal_due'],
        message: 'uses {{ event.properties.sku }}, which no recent "renewal_due" event carries',
      },
    ])
  })

  it('publishes anyway, lists the warnings in the reply and in the audit entry', async () => {
    const id = await draft(renewal('Hi {{ contact.tier }} {{ contact.levle }}'))
    const { status, body } = await kairos.api('POST', `/api/flows/${id}/publish`, {})
    expect(status).toBe(200)
    expect(body.version).toBe(1)
    expect(body.warnings.map((w: { variable: string }) => w.variable)).toEqual(['contact.levle'])
    const audit = await kairos.api('GET', `/api/audit?target=flow:${id}`)
    const entry = (audit.body.entries as Array<{ action: string; diff: unknown }>).find((e: { action: string }) => e.action === 'flow.publish')
    expect(entry?.diff).toEqual({ version: 1, warnings: ['remind config.text: uses {{ contact.levle }}, which no contact has'] })
  })

  it('the publish reply carries the same warnings GET publish-warnings gave just before (they are about the draft)', async () => {
    const id = await draft(renewal('{{ contact.teir }} {{ event.properties.sku }} {{ coupon.code }}'))
    const before = (await kairos.api('GET', `/api/flows/${id}/publish-warnings`)).body.warnings
    expect(before).toHaveLength(3)
    const { status, body } = await kairos.api('POST', `/api/flows/${id}/publish`, {})
    expect(status).toBe(200)
    expect(body.warnings).toEqual(before)
  })

  it('a coupon step before the message, or a contact holding a coupon, makes coupon.* known', async () => {
    const withStep = await draft(renewal('{{ coupon.code }}', [{ id: 'give', type: 'coupon', config: { pool: 'renew' } }]))
    expect((await kairos.api('GET', `/api/flows/${withStep}/publish-warnings`)).body.warnings).toEqual([])
    const plain = await draft(renewal('{{ coupon.code }}'))
    expect((await kairos.api('GET', `/api/flows/${plain}/publish-warnings`)).body.warnings).toHaveLength(1)
    await kairos.api('PUT', '/api/contacts/vip-2', { attributes: { coupon: { code: 'RENEW-1' } } })
    expect((await kairos.api('GET', `/api/flows/${plain}/publish-warnings`)).body.warnings).toEqual([])
  })

  it('a new attribute stops being unknown once a contact has it', async () => {
    const id = await draft(renewal('{{ contact.vip_level }}'))
    expect((await kairos.api('GET', `/api/flows/${id}/publish-warnings`)).body.warnings).toHaveLength(1)
    await kairos.api('PUT', '/api/contacts/vip-1', { attributes: { vip_level: 3 } })
    expect((await kairos.api('GET', `/api/flows/${id}/publish-warnings`)).body.warnings).toEqual([])
  })

  it('event.* is not judged when a trigger makes its own event (a date moment): only contact.* is', async () => {
    const id = await draft({
      nodes: [
        { id: 'start', type: 'trigger.date', config: { attribute: 'subscription_end', offset: '-3d', at: '09:00' } },
        { id: 'remind', type: 'send.sms', config: { text: '{{ event.properties.plan }} {{ contact.plann }}' } },
      ],
      edges: [{ source: 'start', target: 'remind' }],
    })
    const { body } = await kairos.api('GET', `/api/flows/${id}/publish-warnings`)
    expect(body.warnings.map((w: { variable: string }) => w.variable)).toEqual(['contact.plann'])
  })

  it("judges send.sms 4's template parameters (a record of templates by name) like any template field", async () => {
    const id = await draft({
      nodes: [
        { id: 'start', type: 'trigger.event', config: { event: 'renewal_due' } },
        { id: 'remind', type: 'send.sms', version: 4, config: { channel: 'aliyun', template: { code: 'SMS_154950909', params: { name: '{{ contact.name }}', tier: '{{ contact.tire }}' } } } },
      ],
      edges: [{ source: 'start', target: 'remind' }],
    })
    const { body } = await kairos.api('GET', `/api/flows/${id}/publish-warnings`)
    expect(body.warnings.map((w: { field: string; variable: string }) => [w.field, w.variable])).toEqual([['config.template.params.tier', 'contact.tire']])
  })

  it('is read permission; a missing flow is 404', async () => {
    const headers = await keyHeaders(kairos.app, kairos.authHeaders, ['events:write'])
    const id = await draft(renewal('{{ contact.name }}'))
    expect((await kairos.app.inject({ method: 'GET', url: `/api/flows/${id}/publish-warnings`, headers })).statusCode).toBe(403)
    expect((await kairos.api('GET', '/api/flows/00000000-0000-4000-8000-000000000000/publish-warnings')).status).toBe(404)
  })

  it('knows an attribute however many other keys the contacts hold (not only the first few hundred by name)', async () => {
    const wide = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`a${String(i).padStart(3, '0')}`, i]))
    await kairos.api('PUT', '/api/contacts/wide-1', { attributes: wide })
    const id = await draft(renewal('{{ contact.tier }} {{ contact.a399 }} {{ contact.tierr }}'))
    expect((await kairos.api('GET', `/api/flows/${id}/publish-warnings`)).body.warnings.map((w: { variable: string }) => w.variable)).toEqual(['contact.tierr'])
  })
})
