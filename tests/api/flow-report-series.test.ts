import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userSession } from '../support/test-auth.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// The reports page's series: entries and goal conversions per hour or day of the journey's
// timezone, on a real Postgres with the clock moved across Shanghai's midnight (16:00 UTC).
describe('GET /api/flows/:id/report/series', () => {
  let kairos: TestKairos
  let flowId: string
  const enter = (contacts: string[]) => kairos.api('POST', '/api/events', { events: contacts.map((contact) => ({ contact, name: 'signed_up' })) })
  const order = (contacts: string[]) => kairos.api('POST', '/api/events', { events: contacts.map((contact) => ({ contact, name: 'order_placed' })) })
  const series = async (query: string) => (await kairos.api('GET', `/api/flows/${flowId}/report/series?${query}`)).body

  beforeAll(async () => {
    // 23:30 on 1 March in Shanghai.
    kairos = await startTestKairos({ startAt: '2027-03-01T15:30:00Z' })
    flowId = await publishFlow(kairos, '新会员欢迎', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'signed_up' } },
        { id: 'wait', type: 'wait', config: { for: '10d' } },
      ],
      edges: [{ source: 'in', target: 'wait' }],
      settings: { timezone: 'Asia/Shanghai', goal: { event: 'order_placed', within: '7d' } },
    })
    await enter(['a', 'b']) // 1 March, 23:30 local
    await kairos.advance('1h')
    await enter(['c', 'd', 'e']) // 2 March, 00:30 local
    expect((await order(['a'])).body.runsConverted).toBe(1) // 2 March, 00:30 local: a converts the day after it entered
    await kairos.advance('2d')
    expect((await order(['c', 'd'])).body.runsConverted).toBe(2) // 4 March, 00:30 local
  })
  afterAll(() => kairos?.stop())

  it('puts entries and conversions in the local day they happened, with zeros for empty days', async () => {
    // 1 March 00:00 to 5 March 00:00 in Shanghai.
    const body = await series('from=2027-02-28T16:00:00Z&to=2027-03-04T16:00:00Z&bucket=day')
    expect(body).toMatchObject({ flowId, bucket: 'day', timezone: 'Asia/Shanghai', from: '2027-02-28T16:00:00.000Z', to: '2027-03-04T16:00:00.000Z' })
    expect(body.points).toEqual([
      { start: '2027-02-28T16:00:00.000Z', entries: 2, conversions: 0 },
      { start: '2027-03-01T16:00:00.000Z', entries: 3, conversions: 1 },
      { start: '2027-03-02T16:00:00.000Z', entries: 0, conversions: 0 },
      { start: '2027-03-03T16:00:00.000Z', entries: 0, conversions: 2 },
    ])
  })

  it('starts the first day at the local midnight before `from` and counts only what lies in the range', async () => {
    // From 1 March 20:00 local to 2 March 08:00 local: two local days, b and a only partly inside.
    const body = await series('from=2027-03-01T12:00:00Z&to=2027-03-02T00:00:00Z&bucket=day')
    expect(body.points).toEqual([
      { start: '2027-02-28T16:00:00.000Z', entries: 2, conversions: 0 },
      { start: '2027-03-01T16:00:00.000Z', entries: 3, conversions: 1 },
    ])
  })

  it('answers whole hours, and picks hours for a range of two days or less', async () => {
    const body = await series('from=2027-03-01T14:00:00Z&to=2027-03-01T18:00:00Z')
    expect(body.bucket).toBe('hour')
    expect(body.points).toEqual([
      { start: '2027-03-01T14:00:00.000Z', entries: 0, conversions: 0 },
      { start: '2027-03-01T15:00:00.000Z', entries: 2, conversions: 0 },
      { start: '2027-03-01T16:00:00.000Z', entries: 3, conversions: 1 },
      { start: '2027-03-01T17:00:00.000Z', entries: 0, conversions: 0 },
    ])
    expect((await series('from=2027-02-01T00:00:00Z&to=2027-03-03T00:00:00Z')).bucket).toBe('day')
  })

  it('buckets in a zone half an hour off UTC by its own whole hours and midnights', async () => {
    const kolkata = await publishFlow(kairos, 'Kolkata', {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'kolkata_signup' } }],
      edges: [],
      settings: { timezone: 'Asia/Kolkata' },
    })
    await kairos.api('POST', '/api/events', { contact: 'k1', name: 'kolkata_signup' }) // 3 March 16:30 UTC, 22:00 local
    const hours = (await kairos.api('GET', `/api/flows/${kolkata}/report/series?from=2027-03-03T15:00:00Z&to=2027-03-03T17:00:00Z&bucket=hour`)).body
    expect(hours.points.map((p: { start: string }) => p.start)).toEqual(['2027-03-03T14:30:00.000Z', '2027-03-03T15:30:00.000Z', '2027-03-03T16:30:00.000Z'])
    expect(hours.points.map((p: { entries: number }) => p.entries)).toEqual([0, 0, 1])
    const days = (await kairos.api('GET', `/api/flows/${kolkata}/report/series?from=2027-03-03T00:00:00Z&to=2027-03-04T00:00:00Z&bucket=day`)).body
    expect(days.points).toEqual([
      { start: '2027-03-02T18:30:00.000Z', entries: 1, conversions: 0 },
      { start: '2027-03-03T18:30:00.000Z', entries: 0, conversions: 0 },
    ])
  })

  it("buckets a journey never published in its draft's zone, and in UTC while that zone is not a real one", async () => {
    const draft = async (timezone: string, query = 'from=2027-03-01T00:00:00Z&to=2027-03-03T00:00:00Z&bucket=day') => {
      const created = await kairos.api('POST', '/api/flows', { name: `Draft ${timezone}`, graph: { nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'x' } }], edges: [], settings: { timezone } } })
      expect(created.status).toBe(201)
      const reply = await kairos.api('GET', `/api/flows/${created.body.id}/report/series?${query}`)
      expect(reply.status).toBe(200)
      return reply.body
    }
    const starts = (body: { points: Array<{ start: string }> }) => body.points.map((p) => p.start)
    expect(starts(await draft('Europe/Berlin'))).toEqual(['2027-02-28T23:00:00.000Z', '2027-03-01T23:00:00.000Z', '2027-03-02T23:00:00.000Z'])
    // Berlin's clocks go forward on 28 March 2027: that day starts at 23:00 UTC, the next at 22:00 UTC, 23 hours later.
    expect(starts(await draft('Europe/Berlin', 'from=2027-03-27T12:00:00Z&to=2027-03-29T12:00:00Z&bucket=day'))).toEqual(['2027-03-26T23:00:00.000Z', '2027-03-27T23:00:00.000Z', '2027-03-28T22:00:00.000Z'])
    expect((await draft('Europe/Berlin', 'from=2027-03-27T23:00:00Z&to=2027-03-28T22:00:00Z&bucket=hour')).points).toHaveLength(23)
    const mars = await draft('Mars/Olympus_Mons')
    expect(mars.timezone).toBe('UTC')
    expect(mars.points).toEqual([
      { start: '2027-03-01T00:00:00.000Z', entries: 0, conversions: 0 },
      { start: '2027-03-02T00:00:00.000Z', entries: 0, conversions: 0 },
    ])
  })

  it('answers whoever may read journeys: a viewer, not a sales rep', async () => {
    const url = `/api/flows/${flowId}/report/series?from=2027-02-28T16:00:00Z&to=2027-03-04T16:00:00Z`
    const viewer = await userSession(kairos.app, kairos.authHeaders, { email: 'viewer@kairos.test', role: 'viewer' })
    const viewed = await viewer.api('GET', url)
    expect(viewed.status).toBe(200)
    expect(viewed.body.points.map((p: { entries: number }) => p.entries)).toEqual([2, 3, 0, 0])
    const sales = await userSession(kairos.app, kairos.authHeaders, { email: 'rep@kairos.test', role: 'sales' })
    const refused = await sales.api('GET', url)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('KAIROS_FORBIDDEN')
  })

  it('refuses a bad range or bucket with a 400 naming the field', async () => {
    const field = async (query: string) => {
      const reply = await kairos.api('GET', `/api/flows/${flowId}/report/series?${query}`)
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('KAIROS_VALIDATION')
      return reply.body.error.details[0].field
    }
    expect(await field('bucket=week')).toBe('querystring.bucket')
    expect(await field('from=yesterday')).toBe('querystring.from')
    expect(await field('to=2027-13-01T00:00:00Z')).toBe('querystring.to')
    expect(await field('from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z')).toBe('querystring.from')
    expect(await field('from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&bucket=hour')).toBe('querystring.bucket')
    expect(await field('days=7')).toBe('querystring.days')
    expect((await kairos.api('GET', '/api/flows/00000000-0000-4000-8000-000000000000/report/series')).status).toBe(404)
  })
})
