import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { controlBucket, inControlGroup, inControlGroupSql } from '../../packages/server/src/policies/control-group.ts'
import { differenceInterval } from '../../packages/server/src/experiments/control-lift.ts'
import { sql } from 'kysely'

const SALT = 'test-salt-0123456789'
const ids = Array.from({ length: 10_000 }, (_, i) => String(i + 1))
const members = (percent: number) => new Set(ids.filter((id) => inControlGroup({ percent, salt: SALT }, id)))

describe('the control group, by hash', () => {
  it('holds a stable share close to the percentage over 10,000 contacts', () => {
    const five = members(5)
    // Three standard deviations of a 5% share of 10,000: 0.65 points.
    expect(Math.abs(five.size / ids.length - 0.05)).toBeLessThan(0.0065)
    expect(members(5)).toEqual(five)
    expect(Math.abs(members(20).size / ids.length - 0.2)).toBeLessThan(0.012)
    // Another salt draws another group.
    const other = new Set(ids.filter((id) => inControlGroup({ percent: 5, salt: 'another-salt-000' }, id)))
    expect([...five].filter((id) => other.has(id)).length).toBeLessThan(five.size / 3)
  })

  it('keeps members when the percentage changes: raised, all stay; lowered, only members remain', () => {
    const five = members(5)
    const ten = members(10)
    const three = members(3)
    expect([...five].every((id) => ten.has(id))).toBe(true)
    expect([...three].every((id) => five.has(id))).toBe(true)
    expect(ten.size).toBeGreaterThan(five.size)
    expect(members(0).size).toBe(0)
    for (const id of ids.slice(0, 50)) expect(controlBucket(SALT, id)).toBeGreaterThanOrEqual(0)
  })
})

// The workspace control group through the API, on a real Postgres with the real worker: a share of
// contacts gets no marketing message from any journey (SMS through a channel, email and WeCom in the
// outbox), transactional ones still go, they enter and convert, and the report shows the lift.
describe('the workspace control group', () => {
  const provider = fakeHttpProvider()
  let kairos: TestKairos
  let flowId: string
  let salt: string
  const contacts = Array.from({ length: 120 }, (_, i) => `cg-${i}`)
  const isControl = (contact: string) => inControlGroup({ percent: 20, salt }, contact)

  beforeAll(async () => {
    const url = await provider.listen()
    kairos = await startTestKairos({ startAt: '2027-05-10T02:00:00Z', pluginDirs: [join(REPO_ROOT, 'tests', 'fixtures', 'control-group-plugins')] })
    expect((await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: `${url}/sms`, token: 'cg-token' } })).status).toBe(200)
  })
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  it('is set in the policies with a salt Kairos keeps, and refuses a share out of range by field', async () => {
    const bad = await kairos.api('PUT', '/api/policies', { controlGroup: { percent: 80 } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((d: any) => d.field)).toContain('body.controlGroup.percent')
    const set = await kairos.api('PUT', '/api/policies', { controlGroup: { percent: 5 } })
    expect(set.status).toBe(200)
    salt = set.body.controlGroup.salt
    expect(salt).toMatch(/^[A-Za-z0-9_-]{8,}$/)
    // Changed without the salt (as a client that never saw it would): the salt, so the members, stay.
    const changed = await kairos.api('PUT', '/api/policies', { controlGroup: { percent: 20 } })
    expect(changed.body.controlGroup).toEqual({ percent: 20, salt })
    expect((await kairos.api('GET', '/api/policies')).body.controlGroup).toEqual({ percent: 20, salt })
  })

  it('agrees with the report query contact for contact (the same hash in SQL)', async () => {
    const { rows } = await sql<{ id: string }>`select id::text from generate_series(1, 10000) id where ${inControlGroupSql({ percent: 5, salt: SALT }, sql`id`)}`.execute(kairos.core.database.db)
    expect(new Set(rows.map((r) => r.id))).toEqual(members(5))
  })

  it('sends control contacts no marketing SMS, email or WeCom, but transactional ones; they still enter and convert', async () => {
    flowId = await publishFlow(kairos, 'Promo with receipts', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'promo' } },
        { id: 'smsPromo', type: 'send.sms', version: 3, config: { text: 'Sale for {{ contact.externalId }}', channel: 'sms-main' } },
        { id: 'smsReceipt', type: 'send.sms', version: 3, config: { text: 'Your code 1234', channel: 'sms-main', category: 'transactional' } },
        { id: 'emailPromo', type: 'send.email', version: 2, config: { subject: 'Sale', text: 'Half price' } },
        { id: 'wecomPromo', type: 'probe.wecom-promo', config: { text: 'New in', category: 'marketing' } },
        { id: 'wecomNotice', type: 'probe.wecom-promo', config: { text: 'Order shipped', category: 'transactional' } },
      ],
      edges: [
        { source: 'in', target: 'smsPromo' },
        ...['next', 'suppressed'].flatMap((port) => [
          { source: 'smsPromo', sourcePort: port, target: 'smsReceipt' },
          { source: 'smsReceipt', sourcePort: port, target: 'emailPromo' },
          { source: 'emailPromo', sourcePort: port, target: 'wecomPromo' },
          { source: 'wecomPromo', sourcePort: port, target: 'wecomNotice' },
        ]),
      ],
      // Again and again: the simulator below enters the same contacts once more.
      settings: { goal: { event: 'order_placed', within: '7d' }, reentry: 'always' },
    })
    for (const [i, contact] of contacts.entries())
      await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { phone: `+86139${String(i).padStart(8, '0')}`, email: `${contact}@example.com` } })
    await kairos.api('POST', '/api/events', { events: contacts.map((contact) => ({ contact, name: 'promo' })) })
    await kairos.drain()
    await kairos.advance('1m')

    const control = contacts.filter(isControl)
    const treated = contacts.filter((c) => !isControl(c))
    expect(control.length).toBeGreaterThan(10)
    expect(treated.length).toBeGreaterThan(60)
    const deliveries = (await kairos.core.database.pool.query(`select c.external_id, d.node_id, d.channel, d.category, d.status, d.error, d.provider
      from deliveries d join contacts c on c.id = d.contact_id where d.flow_id = $1`, [flowId])).rows
    const of = (contact: string, node: string) => deliveries.find((d: any) => d.external_id === contact && d.node_id === node)
    for (const contact of control) {
      for (const node of ['smsPromo', 'emailPromo', 'wecomPromo']) expect(of(contact, node)).toMatchObject({ status: 'suppressed', error: 'control_group', category: 'marketing' })
      expect(of(contact, 'smsReceipt')).toMatchObject({ status: 'sent', provider: 'sms-main', category: 'transactional' })
      expect(of(contact, 'wecomNotice')).toMatchObject({ status: 'sent', provider: 'outbox', category: 'transactional' })
    }
    for (const contact of treated) for (const node of ['smsPromo', 'smsReceipt']) expect(of(contact, node)).toMatchObject({ status: 'sent', provider: 'sms-main' })
    for (const contact of treated) for (const node of ['emailPromo', 'wecomPromo', 'wecomNotice']) expect(of(contact, node)).toMatchObject({ status: 'sent', provider: 'outbox' })
    // The provider got every treated contact's promotion and everyone's receipt, and no control contact's promotion.
    const texts = provider.received.map((r) => r.body.body)
    expect(texts.filter((t) => t === 'Your code 1234')).toHaveLength(contacts.length)
    expect(texts.filter((t) => t.startsWith('Sale for')).sort()).toEqual(treated.map((c) => `Sale for ${c}`).sort())

    // The contact's messages say why: suppressedBy names the control group.
    const { messages } = (await kairos.api('GET', `/api/contacts/${control[0]}/messages`)).body
    expect(messages.find((m: any) => m.node.id === 'smsPromo')).toMatchObject({ status: 'suppressed', suppressedBy: 'control_group' })
    // Everyone entered and went all the way.
    const runs = (await kairos.core.database.pool.query(`select status, count(*)::int as n from runs where flow_id = $1 group by status`, [flowId])).rows
    expect(runs).toEqual([{ status: 'completed', n: contacts.length }])

    // A quarter of the control group converts, three quarters of the rest.
    const converts = [...control.filter((_, i) => i % 4 === 0), ...treated.filter((_, i) => i % 4 !== 0)]
    const converted = await kairos.api('POST', '/api/events', { events: converts.map((contact) => ({ contact, name: 'order_placed' })) })
    expect(converted.body.runsConverted).toBe(converts.length)

    const { body: report } = await kairos.api('GET', `/api/flows/${flowId}/report?from=2027-05-01T00:00:00Z&to=2027-06-01T00:00:00Z`)
    const c = { contacts: control.length, converted: control.filter((_, i) => i % 4 === 0).length }
    const t = { contacts: treated.length, converted: treated.filter((_, i) => i % 4 !== 0).length }
    expect(report.controlGroup).toMatchObject({ percent: 20, control: c, treated: t })
    const lift = report.controlGroup.lift
    expect(lift.difference).toBeCloseTo(t.converted / t.contacts - c.converted / c.contacts, 12)
    expect(lift.interval).toEqual(differenceInterval(t, c))
    expect(lift.interval.low).toBeLessThan(lift.difference)
    expect(lift.interval.high).toBeGreaterThan(lift.difference)
    expect(lift.significant).toBe(lift.interval.low > 0)
    expect(lift.significant).toBe(true)
    expect(report.messages.smsPromo.suppressedBy).toEqual({ control_group: control.length })
    expect(report.messages.smsReceipt.suppressed).toBe(0)
  })

  it('is applied by the simulator too, which runs the same gate', async () => {
    const control = contacts.filter(isControl)[0]
    const treated = contacts.filter((c) => !isControl(c))[0]
    const { status, body } = await kairos.api('POST', `/api/flows/${flowId}/simulate`, {
      contacts: [control, treated],
      events: [control, treated].map((contact) => ({ at: '+1m', contact, name: 'promo' })),
      horizon: '1h',
    })
    expect(status).toBe(200)
    const promo = (contact: string) => body.contacts.find((c: any) => c.contact === contact).runs[0].steps.find((s: any) => s.node === 'smsPromo').message
    expect(promo(control)).toMatchObject({ status: 'suppressed', suppressedBy: 'control_group' })
    expect(promo(treated)).toMatchObject({ suppressedBy: null })
  })
})
