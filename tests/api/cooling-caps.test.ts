import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Cooling rules on a real Postgres with a moved clock: contacts in a rule's audience (a saved
// segment, a condition) get at most 1 marketing SMS a week while the others keep the workspace's
// 3 a day; the suppression names the rule; a deferred message is checked against them when due.

const YEAR = new Date().getUTCFullYear() + 1

/** A flow entered by `event` sending `count` SMS one after another, on through next or suppressed. */
function smsFlow(event: string, count: number) {
  const nodes: object[] = [{ id: 'in', type: 'trigger.event', config: { event } }]
  const edges: object[] = []
  for (let i = 1; i <= count; i++) {
    nodes.push({ id: `sms${i}`, type: 'send.sms', version: 3, config: { text: `Offer ${i}` } })
    if (i === 1) edges.push({ source: 'in', target: 'sms1' })
    else for (const port of ['next', 'suppressed']) edges.push({ source: `sms${i - 1}`, sourcePort: port, target: `sms${i}` })
  }
  return { nodes, edges, settings: { reentry: 'always' } }
}

async function deliveriesOf(kairos: TestKairos, contact: string): Promise<any[]> {
  const { deliveries } = (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body
  return deliveries.sort((a: any, b: any) => a.createdAt.localeCompare(b.createdAt) || (a.node ?? '').localeCompare(b.node ?? ''))
}

const statuses = (deliveries: any[]) => deliveries.map((d) => d.status)
const SEGMENT_RULE = 'cooling "Complained" (segment "Complained customers"): sms 1 per 7d'
const CONDITION_RULE = 'cooling "Never click" (condition): sms 1 per 7d'

describe('cooling rules', () => {
  let kairos: TestKairos
  let segmentId: string
  beforeAll(async () => {
    // 10:00 UTC: outside the quiet hours the last test sets.
    kairos = await startTestKairos({ startAt: `${YEAR}-03-02T10:00:00Z` })
    segmentId = (await kairos.api('POST', '/api/segments', { name: 'Complained customers', condition: { tag: 'complained' } })).body.id
    await publishFlow(kairos, 'Promo', smsFlow('promo', 2))
  })
  afterAll(() => kairos?.stop())

  it('refuses an unknown segment, a rule with two audiences and a bad condition, naming each field', async () => {
    const bad = await kairos.api('PUT', '/api/policies', {
      cooling: [
        { name: 'Ghost', audience: { segment: '00000000-0000-4000-8000-000000000000' }, caps: [{ channel: 'sms', max: 1, per: '7d' }] },
        { name: 'Both', audience: { segment: segmentId, condition: { tag: 'x' } }, caps: [{ max: 1, per: '7d' }] },
        { name: 'Odd', audience: { condition: { attribute: 'clicks', op: 'around', value: 0 } }, caps: [{ max: 1, per: '7d' }] },
        { name: 'Odd', audience: { condition: { tag: 'x' } }, caps: [{ max: 1, per: '0d' }] },
      ],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((d: any) => d.field)).toEqual([
      'body.cooling[1].audience', 'body.cooling[2].audience.condition.op', 'body.cooling[3].name', 'body.cooling[3].caps[0].per',
    ])
    const schema = await kairos.api('PUT', '/api/policies', { cooling: [{ name: '', audience: {}, caps: [] }] })
    expect(schema.body.error.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['body.cooling[0].name', 'body.cooling[0].caps']))
    // The database's problems come once the document itself is sound.
    const ghost = await kairos.api('PUT', '/api/policies', { cooling: [{ name: 'Ghost', audience: { segment: '00000000-0000-4000-8000-000000000000' }, caps: [{ max: 1, per: '7d' }] }] })
    expect(ghost.status).toBe(400)
    expect(ghost.body.error.details).toEqual([{ field: 'body.cooling[0].audience.segment', message: 'segment "00000000-0000-4000-8000-000000000000" does not exist' }])
    expect((await kairos.api('GET', '/api/policies')).body.cooling).toEqual([])
  })

  it('caps the audience of a segment and of a condition at 1 SMS a week, the others at the workspace caps', async () => {
    const put = await kairos.api('PUT', '/api/policies', {
      caps: [{ channel: 'sms', max: 3, per: '1d' }],
      cooling: [
        { name: 'Complained', audience: { segment: segmentId }, caps: [{ channel: 'sms', max: 1, per: '7d' }] },
        { name: 'Never click', audience: { condition: { attribute: 'clicks', op: 'eq', value: 0 } }, caps: [{ channel: 'sms', max: 1, per: '7d' }] },
      ],
    })
    expect(put.status).toBe(200)
    await kairos.api('PUT', '/api/contacts/cool-a', { attributes: { phone: '+8613900000201' }, tags: ['complained'] })
    await kairos.api('PUT', '/api/contacts/cool-b', { attributes: { phone: '+8613900000202', clicks: 4 } })
    await kairos.api('PUT', '/api/contacts/cool-c', { attributes: { phone: '+8613900000203', clicks: 0 } })
    for (const contact of ['cool-a', 'cool-b', 'cool-c']) await kairos.api('POST', '/api/events', { contact, name: 'promo' })
    await kairos.drain()

    const a = await deliveriesOf(kairos, 'cool-a')
    expect(statuses(a)).toEqual(['sent', 'suppressed'])
    expect(a[1].suppressedBy).toBe(SEGMENT_RULE)
    expect(statuses(await deliveriesOf(kairos, 'cool-b'))).toEqual(['sent', 'sent'])
    const c = await deliveriesOf(kairos, 'cool-c')
    expect(statuses(c)).toEqual(['sent', 'suppressed'])
    expect(c[1].suppressedBy).toBe(CONDITION_RULE)
    const messages = (await kairos.api('GET', '/api/contacts/cool-a/messages')).body.messages
    expect(messages.find((m: any) => m.status === 'suppressed').explanation).toBe('not sent: the cooling rule "Complained" (segment "Complained customers"): at most 1 marketing SMS per 7d')

    // Six days later the week is not over for the audience; the others hit the daily cap of 3.
    await kairos.advance('6d')
    for (const contact of ['cool-a', 'cool-b']) await kairos.api('POST', '/api/events', { contact, name: 'promo' })
    await kairos.drain()
    expect(statuses(await deliveriesOf(kairos, 'cool-a'))).toEqual(['sent', 'suppressed', 'suppressed', 'suppressed'])
    expect(statuses(await deliveriesOf(kairos, 'cool-b'))).toEqual(['sent', 'sent', 'sent', 'sent'])

    // A week after the first SMS, one more goes to the audience.
    await kairos.advance('1d')
    await kairos.api('POST', '/api/events', { contact: 'cool-a', name: 'promo' })
    await kairos.drain()
    expect(statuses(await deliveriesOf(kairos, 'cool-a')).slice(4)).toEqual(['sent', 'suppressed'])
  })

  it('refuses to delete a segment a cooling rule uses, naming the rule', async () => {
    const refused = await kairos.api('DELETE', `/api/segments/${segmentId}`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('"Complained"')
    expect(refused.body.error.details).toEqual([{ field: 'id', message: 'used by cooling rule "Complained" (policies.cooling)' }])
    expect((await kairos.api('GET', `/api/segments/${segmentId}`)).status).toBe(200)
  })

  it('applies in the simulator, which runs the same gate', async () => {
    await kairos.api('PUT', '/api/contacts/cool-e', { attributes: { phone: '+8613900000205' }, tags: ['complained'] })
    await kairos.api('PUT', '/api/contacts/cool-f', { attributes: { phone: '+8613900000206' } })
    const flowId = (await kairos.api('GET', '/api/flows')).body.flows.find((f: any) => f.name === 'Promo').id
    const answer = await kairos.api('POST', `/api/flows/${flowId}/simulate`, { contacts: ['cool-e', 'cool-f'], events: [{ at: '+1m', contact: '*', name: 'promo' }], horizon: '1d' })
    expect(answer.status).toBe(200)
    const messages = (name: string) => answer.body.contacts.find((c: any) => c.contact === name).runs[0].steps.filter((s: any) => s.message).map((s: any) => [s.port, s.message.suppressedBy])
    expect(messages('cool-e')).toEqual([['next', null], ['suppressed', SEGMENT_RULE]])
    expect(messages('cool-f')).toEqual([['next', null], ['next', null]])
    const cooling = { kind: 'cooling', params: { rule: 'Complained', segment: 'Complained customers', channel: 'sms', max: 1, per: '7d' } }
    expect(answer.body.totals.rules).toEqual(expect.arrayContaining([{ rule: SEGMENT_RULE, policyRule: cooling, suppressed: 1, deferred: 0 }]))
    // Nothing of it was written.
    expect(await deliveriesOf(kairos, 'cool-e')).toEqual([])
  })

  it('evaluates an audience that counts events in Postgres, for the whole batch at once', async () => {
    const policies = (await kairos.api('GET', '/api/policies')).body
    const recent = { name: 'Recent complaint', audience: { condition: { event: 'complaint_filed', within: '30d' } }, caps: [{ channel: 'sms', max: 1, per: '7d' }] }
    expect((await kairos.api('PUT', '/api/policies', { caps: policies.caps, cooling: [...policies.cooling, recent] })).status).toBe(200)
    await kairos.api('PUT', '/api/contacts/cool-g', { attributes: { phone: '+8613900000207' } })
    await kairos.api('PUT', '/api/contacts/cool-h', { attributes: { phone: '+8613900000208' } })
    await kairos.api('POST', '/api/events', { contact: 'cool-g', name: 'complaint_filed' })
    await kairos.api('POST', '/api/events', { events: [{ contact: 'cool-g', name: 'promo' }, { contact: 'cool-h', name: 'promo' }] })
    await kairos.drain()
    const g = await deliveriesOf(kairos, 'cool-g')
    expect(statuses(g)).toEqual(['sent', 'suppressed'])
    expect(g[1].suppressedBy).toBe('cooling "Recent complaint" (condition): sms 1 per 7d')
    expect(statuses(await deliveriesOf(kairos, 'cool-h'))).toEqual(['sent', 'sent'])
  })

  it('checks a deferred message again when due: a contact who joined the audience meanwhile is capped', async () => {
    const policies = (await kairos.api('GET', '/api/policies')).body
    await kairos.api('PUT', '/api/policies', { caps: policies.caps, cooling: policies.cooling, quietHours: { from: '21:00', to: '09:00' } })
    // Now 10:00 UTC (the contact has no timezone, the flow's is UTC): one SMS goes at once.
    await publishFlow(kairos, 'Single', smsFlow('single', 1))
    await kairos.api('PUT', '/api/contacts/cool-d', { attributes: { phone: '+8613900000204' } })
    await kairos.api('POST', '/api/events', { contact: 'cool-d', name: 'single' })
    await kairos.drain()
    await kairos.advance('12h') // 22:00: quiet
    await kairos.api('POST', '/api/events', { contact: 'cool-d', name: 'single' })
    await kairos.drain()
    let d = await deliveriesOf(kairos, 'cool-d')
    expect(statuses(d)).toEqual(['sent', 'scheduled'])
    expect(d[1].deferredBy).toBe('quiet hours 21:00-09:00 (UTC)')

    // The contact complains while the message waits; at 09:00 the cooling cap stops it.
    await kairos.api('PUT', '/api/contacts/cool-d', { attributes: { phone: '+8613900000204' }, tags: ['complained'] })
    await kairos.advance('11h')
    d = await deliveriesOf(kairos, 'cool-d')
    expect(statuses(d)).toEqual(['sent', 'suppressed'])
    expect(d[1].suppressedBy).toBe(SEGMENT_RULE)
    const runs = (await kairos.api('GET', '/api/runs?contact=cool-d')).body.runs
    const late = (await Promise.all(runs.map(async (r: any) => (await kairos.api('GET', `/api/runs/${r.id}`)).body))).find((r: any) => r.steps.some((s: any) => s.port === 'suppressed'))
    expect(late).toBeDefined()
  })
})
