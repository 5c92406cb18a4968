import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Segments through the API: saved audiences, their validation (every problem
// at once, by path) and previews computed in Postgres, with the clock moved
// to show event windows sliding.

/** The worked example of docs/segments.md. */
const PRICING_LOOKERS = {
  all: [
    { attribute: 'tier', op: 'eq', value: 'premium' },
    { event: 'page_viewed', where: { path: '/pricing' }, within: '7d', count: { gte: 3 } },
    { not: { event: 'order_placed', within: '7d' } },
  ],
}

describe('segments', () => {
  let kairos: TestKairos
  const ago = (days: number) => new Date(kairos.now().getTime() - days * 86_400_000).toISOString()
  const views = (contact: string, days: number[]) =>
    days.map((d) => ({ contact, name: 'page_viewed', properties: { path: '/pricing' }, occurredAt: ago(d) }))

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
    const people: Array<[string, Record<string, unknown>, string[]]> = [
      ['ada', { tier: 'premium', score: 80 }, ['vip']],
      ['bo', { tier: 'premium', score: '45' }, []],
      ['cy', { tier: 'premium', score: 95 }, ['vip']],
      ['di', { tier: 'free', score: 99 }, ['vip']],
      ['ed', { tier: 'premium' }, []],
    ]
    for (const [id, attributes, tags] of people) await kairos.api('PUT', `/api/contacts/${id}`, { attributes, tags })
    const posted = await kairos.api('POST', '/api/events', {
      events: [
        ...views('ada', [1, 2, 6]), // 3 views in 7 days, no order: in
        ...views('bo', [1, 2, 3, 4]), // 4 views, but ordered yesterday: out
        { contact: 'bo', name: 'order_placed', occurredAt: ago(1) },
        ...views('cy', [1, 2, 9]), // only 2 views in the window: out
        ...views('di', [1, 2, 3]), // not premium: out
        ...views('ed', [0.5, 1, 1.5, 2]), // in
        { contact: 'ed', name: 'page_viewed', properties: { path: '/home' }, occurredAt: ago(1) },
        { contact: 'ed', name: 'order_placed', occurredAt: ago(8) }, // before the window
      ],
    })
    expect(posted.status).toBe(202)
  })
  afterAll(() => kairos?.stop())

  it('saves, lists, reads, updates and deletes a segment', async () => {
    const created = await kairos.api('POST', '/api/segments', { name: 'VIPs', condition: { tag: 'vip' } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'VIPs', condition: { tag: 'vip' }, createdAt: kairos.now().toISOString() })
    const id = created.body.id
    expect((await kairos.api('GET', `/api/segments/${id}`)).body).toEqual(created.body)
    expect((await kairos.api('GET', '/api/segments')).body.segments.map((s: any) => s.id)).toContain(id)

    await kairos.advance('1m')
    const renamed = await kairos.api('PUT', `/api/segments/${id}`, { name: 'VIP members' })
    expect(renamed.body).toMatchObject({ name: 'VIP members', condition: { tag: 'vip' }, updatedAt: kairos.now().toISOString() })
    const changed = await kairos.api('PUT', `/api/segments/${id}`, { condition: { not: { tag: 'vip' } } })
    expect(changed.body).toMatchObject({ name: 'VIP members', condition: { not: { tag: 'vip' } } })

    expect((await kairos.api('DELETE', `/api/segments/${id}`)).status).toBe(204)
    for (const [method, url] of [['GET', `/api/segments/${id}`], ['DELETE', `/api/segments/${id}`], ['GET', `/api/segments/${id}/preview`], ['GET', '/api/segments/not-a-uuid']] as const) {
      const reply = await kairos.api(method, url)
      expect(reply.status, `${method} ${url}`).toBe(404)
      expect(reply.body.error.code).toBe('KAIROS_NOT_FOUND')
    }
    expect((await kairos.api('PUT', `/api/segments/${id}`, { name: 'x' })).status).toBe(404)
  })

  it('rejects a request with every problem named by its path, the body and the condition together', async () => {
    const reply = await kairos.api('POST', '/api/segments', {
      name: '',
      colour: 'red',
      condition: {
        all: [
          { tag: 'vip' },
          { attribute: 'score', op: 'near', value: 5 },
          { any: [{ event: 'order_placed', since: 'entry' }, { event: 'page_viewed', within: 'a week', count: { atLeast: 2 } }] },
          { not: { tag: 'vip', extra: true } },
        ],
      },
    })
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('KAIROS_VALIDATION')
    expect(reply.body.error.details.map((d: any) => d.field).sort()).toEqual([
      'body.colour',
      'body.condition.all[1].op',
      'body.condition.all[2].any[0].since',
      'body.condition.all[2].any[1].count.atLeast',
      'body.condition.all[2].any[1].within',
      'body.condition.all[3].not.extra',
      'body.name',
    ])
    const entry = reply.body.error.details.find((d: any) => d.field === 'body.condition.all[2].any[0].since')
    expect(entry.message).toMatch(/no run/)
  })

  it('rejects bad updates and previews the same way', async () => {
    const { body } = await kairos.api('POST', '/api/segments', { name: 'Scores', condition: { attribute: 'score', op: 'gte', value: 50 } })
    const update = await kairos.api('PUT', `/api/segments/${body.id}`, { condition: { attribute: 'score', op: 'in', value: 5 } })
    expect(update.body.error.details).toEqual([{ field: 'body.condition.value', message: 'must be a list for "in"' }])
    expect((await kairos.api('PUT', `/api/segments/${body.id}`, {})).status).toBe(400)
    const preview = await kairos.api('POST', '/api/segments/preview', { condition: { event: 'x', since: 'entry' }, sample: 500 })
    expect(preview.body.error.details.map((d: any) => d.field).sort()).toEqual(['body.condition.since', 'body.sample'])
    expect((await kairos.api('POST', '/api/segments', { name: 'no condition' })).body.error.details).toEqual([
      { field: 'body.condition', message: 'is required' },
    ])
    expect((await kairos.api('GET', `/api/segments/${body.id}/preview?sample=101`)).status).toBe(400)
    expect((await kairos.api('GET', `/api/segments/${body.id}/preview?sample=-1`)).status).toBe(400)
  })

  it('previews a saved segment: the count and a sample of contacts, newest first', async () => {
    const { body: segment } = await kairos.api('POST', '/api/segments', { name: 'Pricing lookers', condition: PRICING_LOOKERS })
    const preview = await kairos.api('GET', `/api/segments/${segment.id}/preview`)
    expect(preview.status).toBe(200)
    expect(preview.body.count).toBe(2)
    expect(preview.body.sample.map((c: any) => c.externalId)).toEqual(['ed', 'ada'])
    expect(preview.body.sample[1]).toMatchObject({ externalId: 'ada', attributes: { tier: 'premium', score: 80 }, tags: ['vip'] })

    const one = await kairos.api('GET', `/api/segments/${segment.id}/preview?sample=1`)
    expect(one.body).toMatchObject({ count: 2, sample: [{ externalId: 'ed' }] })
    expect((await kairos.api('GET', `/api/segments/${segment.id}/preview?sample=0`)).body).toEqual({ count: 2, sample: [] })
  })

  it('slides event windows with the clock', async () => {
    const { body: segment } = await kairos.api('POST', '/api/segments', { name: 'Pricing lookers', condition: PRICING_LOOKERS })
    const members = async () => (await kairos.api('GET', `/api/segments/${segment.id}/preview`)).body.sample.map((c: any) => c.externalId)
    expect(await members()).toEqual(['ed', 'ada'])
    await kairos.advance('1d') // ada's view of 6 days ago leaves the window
    expect(await members()).toEqual(['ed'])
    await kairos.advance('1d') // and ed's of 1.5 days ago is now 2.5 days old: still 4 in the window
    expect(await members()).toEqual(['ed'])
    await kairos.api('POST', '/api/events', { contact: 'ed', name: 'order_placed' })
    expect(await members()).toEqual([])
  })

  it('previews an unsaved condition for the audience builder', async () => {
    const reply = await kairos.api('POST', '/api/segments/preview', {
      condition: { any: [{ attribute: 'score', op: 'gte', value: 90 }, { not: { attribute: 'score', op: 'exists' } }] },
      sample: 2,
    })
    expect(reply.status).toBe(200)
    // cy (95), di (99) and ed (no score); numeric text such as bo's "45" compares as a number.
    expect(reply.body.count).toBe(3)
    expect(reply.body.sample.map((c: any) => c.externalId)).toEqual(['ed', 'di'])
    const numericText = await kairos.api('POST', '/api/segments/preview', { condition: { attribute: 'score', op: 'lt', value: 50 } })
    expect(numericText.body.sample.map((c: any) => c.externalId)).toEqual(['bo'])
  })

  it('refuses to preview a stored condition that no longer validates, but still shows it', async () => {
    const { rows } = await sql<{ id: string }>`insert into segments (name, condition)
        values ('old', ${JSON.stringify({ event: 'order_placed', since: 'entry' })}::jsonb) returning id`.execute(kairos.core.database.db)
    const id = rows[0].id
    expect((await kairos.api('GET', `/api/segments/${id}`)).body.condition).toEqual({ event: 'order_placed', since: 'entry' })
    const preview = await kairos.api('GET', `/api/segments/${id}/preview`)
    expect(preview.status).toBe(409)
    expect(preview.body.error).toMatchObject({ code: 'KAIROS_CONFLICT', details: [{ field: 'condition.since' }] })
  })

  it('documents its routes in the OpenAPI reference', async () => {
    const { body } = await kairos.api('GET', '/docs/json')
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/segments', '/api/segments/{id}', '/api/segments/{id}/preview', '/api/segments/preview']),
    )
  })
})
