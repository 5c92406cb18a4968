import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Clock starts Tuesday 2 March 2027, 01:00 UTC. US clocks go forward on 14 March 2027 and 12 March 2028.
const START = '2027-03-02T01:00:00Z'

async function advanceTo(kairos: TestKairos, iso: string) {
  const by = new Date(iso).getTime() - kairos.now().getTime()
  if (by < 0) throw new Error(`cannot go back to ${iso}`)
  if (by > 0) await kairos.advance(`${by}ms`)
}

/** External id → instants its runs of the flow entered at. */
async function entries(kairos: TestKairos, flowId: string): Promise<Record<string, string[]>> {
  const rows = await kairos.core.database.db
    .selectFrom('runs')
    .innerJoin('contacts', 'contacts.id', 'runs.contact_id')
    .select(['external_id', 'entered_at'])
    .where('flow_id', '=', flowId)
    .orderBy('entered_at')
    .execute()
  const out: Record<string, string[]> = {}
  for (const r of rows) (out[r.external_id] ??= []).push(r.entered_at.toISOString())
  return out
}

const graph = (config: Record<string, unknown>, reentry = 'always') => ({
  nodes: [{ id: 'date', type: 'trigger.date', config }, { id: 'mark', type: 'tag', config: { add: ['reached'] } }],
  edges: [{ source: 'date', target: 'mark' }],
  settings: { reentry, timezone: 'UTC' },
})

describe('trigger.date: a birthday journey', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: START })
    const people: Array<[string, string]> = [['ana', 'Asia/Shanghai'], ['ben', 'Europe/London'], ['cy', 'America/New_York'], ['dan', 'UTC']]
    for (const [id, timezone] of people) await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { birthday: '1990-03-04', timezone } })
    flowId = await publishFlow(kairos, 'Birthday', graph({ attribute: 'birthday', repeat: 'yearly', at: '09:00' }))
    await kairos.drain()
  })
  afterAll(() => kairos?.stop())

  it('lists who will enter soon, soonest first', async () => {
    const soon = (await kairos.api('GET', `/api/flows/${flowId}/upcoming?within=3d&limit=3`)).body
    expect(soon.triggers).toEqual([{ node: 'date', count: 4 }])
    expect(soon.next).toEqual([
      { node: 'date', contact: 'ana', dueAt: '2027-03-04T01:00:00.000Z', occurrence: '2027' },
      { node: 'date', contact: 'ben', dueAt: '2027-03-04T09:00:00.000Z', occurrence: '2027' },
      { node: 'date', contact: 'dan', dueAt: '2027-03-04T09:00:00.000Z', occurrence: '2027' },
    ])
    expect((await kairos.api('GET', `/api/flows/${flowId}/upcoming?within=1d`)).body.triggers).toEqual([])
    expect((await kairos.api('GET', `/api/flows/${flowId}/upcoming?within=3d&node=date`)).body.triggers).toEqual([{ node: 'date', count: 4 }])
    expect((await kairos.api('GET', `/api/flows/${flowId}/upcoming?within=3d&node=other`)).body).toMatchObject({ triggers: [], next: [] })
    const bad = await kairos.api('GET', `/api/flows/${flowId}/upcoming?within=forever`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.details[0].field).toBe('querystring.within')
  })

  it('fires once a year per contact at 09:00 in each contact’s own timezone', async () => {
    await advanceTo(kairos, '2027-03-04T00:59:00Z')
    expect(await entries(kairos, flowId)).toEqual({})
    await advanceTo(kairos, '2027-03-04T01:00:00Z') // 09:00 in Shanghai
    expect(Object.keys(await entries(kairos, flowId))).toEqual(['ana'])
    await advanceTo(kairos, '2027-03-04T09:00:00Z') // 09:00 in London and UTC
    await advanceTo(kairos, '2027-03-04T14:00:00Z') // 09:00 in New York (EST)
    expect(await entries(kairos, flowId)).toEqual({
      ana: ['2027-03-04T01:00:00.000Z'],
      ben: ['2027-03-04T09:00:00.000Z'],
      dan: ['2027-03-04T09:00:00.000Z'],
      cy: ['2027-03-04T14:00:00.000Z'],
    })

    // The rest of the year passes without a second greeting.
    await advanceTo(kairos, '2027-09-01T00:00:00Z')
    await advanceTo(kairos, '2028-03-03T23:00:00Z')
    expect(Object.values(await entries(kairos, flowId)).map((list) => list.length)).toEqual([1, 1, 1, 1])

    for (const hour of ['01', '09', '14']) await advanceTo(kairos, `2028-03-04T${hour}:00:00Z`)
    const twoYears = await entries(kairos, flowId)
    expect(twoYears.ana).toEqual(['2027-03-04T01:00:00.000Z', '2028-03-04T01:00:00.000Z'])
    expect(twoYears.ben).toEqual(['2027-03-04T09:00:00.000Z', '2028-03-04T09:00:00.000Z'])
    expect(twoYears.cy).toEqual(['2027-03-04T14:00:00.000Z', '2028-03-04T14:00:00.000Z'])
    expect((await kairos.api('GET', '/api/contacts/cy')).body.tags).toEqual(['reached'])
  })

  it('does not greet twice in a year when a birthday is corrected after the greeting', async () => {
    // dan was greeted on 4 March 2028; his birthday is corrected to 20 March.
    await kairos.api('PUT', '/api/contacts/dan', { attributes: { birthday: '1990-03-20' } })
    await advanceTo(kairos, '2028-03-20T09:00:00Z')
    expect((await entries(kairos, flowId)).dan).toHaveLength(2)
    await advanceTo(kairos, '2028-12-01T00:00:00Z')
    await advanceTo(kairos, '2029-03-20T09:00:00Z')
    expect((await entries(kairos, flowId)).dan.at(-1)).toBe('2029-03-20T09:00:00.000Z')
  })

  it('refuses a yearly date trigger in a flow that lets contacts in only once', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'Once a life', graph: graph({ attribute: 'birthday', repeat: 'yearly', at: '09:00' }, 'once') })
    const refused = await kairos.api('POST', `/api/flows/${created.body.id}/publish`)
    expect(refused.status).toBe(400)
    expect(refused.body.error.details).toEqual([expect.objectContaining({ node: 'date', field: 'settings.reentry' })])
  })
})

describe('trigger.date: three days before subscription_end at 09:00, premium members only', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: START })
    const contacts: Array<[string, Record<string, unknown>]> = [
      ['p1', { tier: 'premium', subscription_end: '2027-03-10' }],
      ['p2', { tier: 'premium', subscription_end: '2027-03-12' }],
      ['b1', { tier: 'basic', subscription_end: '2027-03-10' }],
      ['p3', { tier: 'premium' }],
      ['p4', { tier: 'premium', subscription_end: '2027-03-04' }], // three days before is already past
      ['p5', { tier: 'premium', subscription_end: '2027-03-10', timezone: 'Asia/Tokyo' }],
      ['p6', { tier: 'premium', subscription_end: 'soon' }],
    ]
    for (const [id, attributes] of contacts) await kairos.api('PUT', `/api/contacts/${id}`, { attributes })
    flowId = await publishFlow(
      kairos,
      'Renewal reminder',
      graph({ attribute: 'subscription_end', offset: '-3d', at: '09:00', condition: { attribute: 'tier', op: 'eq', value: 'premium' } }),
    )
    await kairos.drain()
  })
  afterAll(() => kairos?.stop())

  it('enters the right contacts on the right day, each in its own timezone', async () => {
    await advanceTo(kairos, '2027-03-06T09:00:00Z')
    expect(await entries(kairos, flowId)).toEqual({})
    await advanceTo(kairos, '2027-03-07T00:00:00Z') // 09:00 in Tokyo
    expect(await entries(kairos, flowId)).toEqual({ p5: ['2027-03-07T00:00:00.000Z'] })
    await advanceTo(kairos, '2027-03-07T09:00:00Z')
    expect(await entries(kairos, flowId)).toEqual({ p5: ['2027-03-07T00:00:00.000Z'], p1: ['2027-03-07T09:00:00.000Z'] })
  })

  it('picks a moved date up on the new day, not the old one and not twice', async () => {
    await advanceTo(kairos, '2027-03-08T10:00:00Z')
    await kairos.api('PUT', '/api/contacts/p2', { attributes: { subscription_end: '2027-03-20' } })
    await advanceTo(kairos, '2027-03-09T09:00:00Z')
    expect((await entries(kairos, flowId)).p2).toBeUndefined()
    await advanceTo(kairos, '2027-03-17T09:00:00Z')
    await advanceTo(kairos, '2027-03-18T09:00:00Z')
    expect((await entries(kairos, flowId)).p2).toEqual(['2027-03-17T09:00:00.000Z'])
  })

  it('enters again for a renewed subscription, and a write that changes nothing moves nothing', async () => {
    await kairos.api('PUT', '/api/contacts/p1', { attributes: { subscription_end: '2027-04-10' } })
    await kairos.api('PUT', '/api/contacts/p1', { attributes: { subscription_end: '2027-04-10' } })
    await advanceTo(kairos, '2027-04-07T09:00:00Z')
    await advanceTo(kairos, '2027-04-10T09:00:00Z')
    expect((await entries(kairos, flowId)).p1).toEqual(['2027-03-07T09:00:00.000Z', '2027-04-07T09:00:00.000Z'])
  })

  it('never entered a basic member, a contact without the date, one whose moment had passed, or one with no date in it', async () => {
    const entered = Object.keys(await entries(kairos, flowId)).sort()
    expect(entered).toEqual(['p1', 'p2', 'p5'])
  })

  it('picks up a contact created after publishing, and follows a change of timezone', async () => {
    await kairos.api('PUT', '/api/contacts/late', { attributes: { tier: 'premium', subscription_end: '2027-05-01' } })
    // Moving to Sydney (UTC+10 in April) brings 09:00 on 28 April forward to 23:00 UTC the day before.
    await kairos.api('PUT', '/api/contacts/late', { attributes: { timezone: 'Australia/Sydney' } })
    await advanceTo(kairos, '2027-04-27T23:00:00Z')
    expect((await entries(kairos, flowId)).late).toEqual(['2027-04-27T23:00:00.000Z'])
  })
})

describe('the worked example of docs/schedules.md', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: START })
  })
  afterAll(() => kairos?.stop())

  it('publishes, and computes the Shanghai member\'s moment the page describes', async () => {
    const page = await readFile(join(REPO_ROOT, 'docs', 'schedules.md'), 'utf8')
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(page)![1])
    // The page's first step: the WeCom robot the reminder posts to.
    await kairos.api('PUT', '/api/channels/sales-robot', { kind: 'wecom.robot', config: { webhookUrl: 'http://127.0.0.1:9/robot' } })
    const flowId = await publishFlow(kairos, 'Renewal (docs)', example)
    await kairos.api('PUT', '/api/contacts/shanghai-member', {
      attributes: { tier: 'premium', subscription_end: '2027-03-10', timezone: 'Asia/Shanghai', phone: '+8613900000000' },
    })
    const moment = await kairos.core.database.db.selectFrom('date_trigger_moments').select(['due_at', 'occurrence'])
      .where('flow_id', '=', flowId).executeTakeFirstOrThrow()
    expect({ due: moment.due_at!.toISOString(), occurrence: moment.occurrence }).toEqual({ due: '2027-03-07T01:00:00.000Z', occurrence: '2027-03-10' })
    await advanceTo(kairos, '2027-03-07T01:00:00Z')
    const [run] = (await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs
    expect(run).toMatchObject({ contact: 'shanghai-member', enteredAt: '2027-03-07T01:00:00.000Z' })
    expect(run.trigger).toMatchObject({ name: 'date.reached', properties: { attribute: 'subscription_end', value: '2027-03-10', occurrence: '2027-03-10' } })
  })
})
