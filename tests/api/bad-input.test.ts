import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Bad input gets a 4xx naming what is wrong, and nothing is half-written.
describe('bad input', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
  })
  afterAll(() => kairos?.stop())

  const count = async (table: string) => (await kairos.core.database.pool.query(`select count(*)::int as n from ${table}`)).rows[0].n

  it('refuses malformed JSON', async () => {
    const response = await kairos.app.inject({ method: 'POST', url: '/api/events', headers: { ...kairos.authHeaders, 'content-type': 'application/json' }, payload: '{"contact": "a", ' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'KAIROS_VALIDATION', details: [{ field: 'body' }] })
  })

  it('refuses a flow body that is not a flow document, naming the field', async () => {
    const { status, body } = await kairos.api('POST', '/api/flows', { name: 'x', graph: { nodes: [{ type: 'tag' }], edges: 'none' } })
    expect(status).toBe(400)
    expect(body.error.code).toBe('KAIROS_VALIDATION')
    expect(body.error.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['body.graph.nodes[0].id', 'body.graph.edges']))
    expect(await count('flows')).toBe(0)
  })

  it('refuses to publish an invalid flow, listing every problem with its node and field, and stores no version', async () => {
    const graph = {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'cart_added' } },
        { id: 'pause', type: 'wait', config: { for: 'soon' } },
        { id: 'mystery', type: 'send.fax', config: {} },
        { id: 'paid', type: 'branch', config: { branches: [{ port: 'yes', when: { attribute: 'tier', op: 'equals', value: 1 } }], otherwise: 'no' } },
      ],
      edges: [
        { source: 'entry', sourcePort: 'next', target: 'pause' },
        { source: 'pause', sourcePort: 'later', target: 'paid' },
        { source: 'paid', sourcePort: 'yes', target: 'ghost' },
      ],
    }
    const created = await kairos.api('POST', '/api/flows', { name: 'Broken', graph })
    expect(created.status).toBe(201)
    const { status, body } = await kairos.api('POST', `/api/flows/${created.body.id}/publish`)
    expect(status).toBe(400)
    expect(body.error.code).toBe('KAIROS_FLOW_INVALID')
    const problems = body.error.details.map((d: any) => `${d.node}|${d.field}`)
    expect(problems).toEqual(expect.arrayContaining([
      'pause|config.for',
      'mystery|type',
      'paid|config.branches[0].when.op',
      'paid|edges[2].target',
      'mystery|id',
    ]))
    expect(body.error.details.find((d: any) => d.node === 'mystery' && d.field === 'type').message).toContain('unknown node type "send.fax"')
    expect(await count('flow_versions')).toBe(0)
    expect((await kairos.api('GET', `/api/flows/${created.body.id}`)).body).toMatchObject({ status: 'draft', publishedVersion: null })
  })

  it('refuses a batch of more than 1000 events and stores none of them', async () => {
    const events = Array.from({ length: 1001 }, (_, i) => ({ contact: `c${i}`, name: 'cart_added' }))
    const { status, body } = await kairos.api('POST', '/api/events', { events })
    expect(status).toBe(400)
    expect(body.error.details[0].field).toBe('body.events')
    expect(body.error.message).toContain('1000')
    expect(await count('events')).toBe(0)
    expect(await count('contacts')).toBe(0)
  })

  it('refuses a batch with one bad event and stores none of it', async () => {
    const { status, body } = await kairos.api('POST', '/api/events', { events: [{ contact: 'ok', name: 'cart_added' }, { contact: 'bad' }] })
    expect(status).toBe(400)
    expect(body.error.details).toEqual([{ field: 'body.events[1].name', message: 'is required' }])
    expect(await count('events')).toBe(0)
  })

  it('names missing fields of a single event', async () => {
    const { status, body } = await kairos.api('POST', '/api/events', { properties: {} })
    expect(status).toBe(400)
    expect(body.error.details.map((d: any) => d.field)).toEqual(['body.contact', 'body.name'])
  })

  it('answers 404 for an unknown flow id, well-formed or not', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const { status, body } = await kairos.api('POST', `/api/flows/${id}/publish`)
      expect(status).toBe(404)
      expect(body.error).toMatchObject({ code: 'KAIROS_NOT_FOUND', message: `flow "${id}" does not exist` })
    }
    expect((await kairos.api('GET', '/api/runs/999')).status).toBe(404)
    expect((await kairos.api('GET', '/api/contacts/nobody')).status).toBe(404)
  })

  it('refuses unknown query filters and fields', async () => {
    expect((await kairos.api('GET', '/api/runs?status=sleeping')).body.error.details[0].field).toBe('querystring.status')
    expect((await kairos.api('PUT', '/api/contacts/x', { attributes: {}, colour: 'red' })).body.error.details[0]).toEqual({
      field: 'body.colour', message: 'is not a known field',
    })
  })

  it('refuses text Postgres cannot store and impossible dates, storing nothing', async () => {
    const nul = await kairos.api('POST', '/api/events', { contact: 'x', name: 'cart\u0000added' })
    expect(nul.status).toBe(400)
    expect(nul.body.error.code).toBe('KAIROS_VALIDATION')
    const ancient = await kairos.api('POST', '/api/events', { events: [{ contact: 'x', name: 'a' }, { contact: 'x', name: 'b', occurredAt: '0000-01-01T00:00:00Z' }] })
    expect(ancient.status).toBe(400)
    expect(ancient.body.error.details).toEqual([{ field: 'body.events[1].occurredAt', message: 'must be a date between 1970 and 9999' }])
    expect(await count('events')).toBe(0)
  })

  it('keeps the stored draft when an update is refused', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'Keep me', graph: { nodes: [], edges: [] } })
    const refused = await kairos.api('PUT', `/api/flows/${created.body.id}`, { graph: { nodes: 'x' } })
    expect(refused.status).toBe(400)
    expect((await kairos.api('GET', `/api/flows/${created.body.id}`)).body.graph).toEqual({ nodes: [], edges: [] })
  })

  describe('nesting and unpaired surrogates, refused for every route before anything runs', () => {
    // JSON text sent as is: `kairos.api` would re-serialise it, and a lone surrogate must arrive as the escape `\ud800`.
    const send = async (method: 'PUT' | 'POST', url: string, json: string) => {
      const response = await kairos.app.inject({ method, url, headers: { ...kairos.authHeaders, 'content-type': 'application/json' }, payload: json })
      return { status: response.statusCode, body: response.json() }
    }
    /** `levels` arrays inside one another: `[[...]]`. */
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)
    const refusal = (field: string, message: string) => ({ code: 'KAIROS_VALIDATION', message: `${field} ${message}`, details: [{ field, message }] })

    it('keeps contact attributes nested 64 levels deep (the body being level 1)', async () => {
      const accepted = await send('PUT', '/api/contacts/deep64', `{"attributes":{"x":${nested(62)}}}`)
      expect(accepted.status).toBe(200)
      expect(JSON.stringify((await kairos.api('GET', '/api/contacts/deep64')).body.attributes.x)).toBe(nested(62))
    })

    it('refuses 65 levels, naming the field where the 65th starts, and writes nothing', async () => {
      const { status, body } = await send('PUT', '/api/contacts/deep65', `{"attributes":{"x":${nested(63)}}}`)
      expect(status).toBe(400)
      expect(body.error).toEqual(refusal(`body.attributes.x${'[0]'.repeat(62)}`, 'is nested deeper than 64 levels'))
      expect((await kairos.api('GET', '/api/contacts/deep65')).status).toBe(404)
    })

    it('answers a body nested 10,000 deep with a 400, not a 500', async () => {
      const attributes = await send('PUT', '/api/contacts/deep10k', `{"attributes":{"x":${nested(10_000)}}}`)
      expect(attributes.status).toBe(400)
      expect(attributes.body.error.details[0].field).toBe(`body.attributes.x${'[0]'.repeat(62)}`)
      const bare = await send('POST', '/api/events', nested(10_000))
      expect(bare.status).toBe(400)
      expect(bare.body.error.details[0].field).toBe(`body${'[0]'.repeat(64)}`)
      expect((await kairos.api('GET', '/api/contacts/deep10k')).status).toBe(404)
      expect(await count('events')).toBe(0)
    })

    it('refuses a lone surrogate in a string value, naming it, and writes nothing', async () => {
      const lone = 'has a lone UTF-16 surrogate (text must be valid Unicode)'
      const value = await send('PUT', '/api/contacts/lone', '{"attributes":{"name":"Ann \\ud800"}}')
      expect(value).toEqual({ status: 400, body: { error: refusal('body.attributes.name', lone) } })
      const low = await send('PUT', '/api/contacts/lone', '{"tags":["ok","\\udc00"]}')
      expect(low.body.error.details).toEqual([{ field: 'body.tags[1]', message: lone }])
      expect((await kairos.api('GET', '/api/contacts/lone')).status).toBe(404)
    })

    it('refuses a lone surrogate in a key', async () => {
      const { status, body } = await send('PUT', '/api/contacts/lone-key', '{"attributes":{"\\udc00x":1}}')
      expect(status).toBe(400)
      expect(body.error.details).toEqual([{ field: 'body.attributes["\ufffdx"]', message: 'key has a lone UTF-16 surrogate (text must be valid Unicode)' }])
      expect((await kairos.api('GET', '/api/contacts/lone-key')).status).toBe(404)
    })

    it('refuses a lone surrogate in an id anywhere in a batch, storing none of it (it would become U+FFFD and name another contact)', async () => {
      const before = await count('contacts')
      const event = await send('POST', '/api/events', '{"contact":"\\ud800","name":"cart_added"}')
      expect(event.body.error.details).toEqual([{ field: 'body.contact', message: expect.stringContaining('lone UTF-16 surrogate') }])
      const batch = await send('POST', '/api/contacts/batch', '{"contacts":[{"externalId":"fine"},{"externalId":"a\\ud800b"}]}')
      expect(batch.status).toBe(400)
      expect(batch.body.error.details[0].field).toBe('body.contacts[1].externalId')
      expect(await count('contacts')).toBe(before)
      expect(await count('events')).toBe(0)
    })

    it('keeps surrogate pairs (emoji), escaped or not', async () => {
      const { status } = await send('PUT', '/api/contacts/emoji', '{"attributes":{"name":"\\ud83d\\ude00 😀"}}')
      expect(status).toBe(200)
      expect((await kairos.api('GET', '/api/contacts/emoji')).body.attributes.name).toBe('😀 😀')
    })

    it('answers a path that is not UTF-8 (a lone surrogate percent-encoded) with the same 400 shape', async () => {
      for (const method of ['GET', 'PUT'] as const) {
        const { status, body } = await kairos.api(method, '/api/contacts/%ED%A0%80', method === 'PUT' ? { attributes: {} } : undefined)
        expect(status).toBe(400)
        expect(body.error).toEqual(refusal('url', 'is not valid percent-encoded UTF-8'))
      }
      expect((await kairos.api('GET', '/api/contacts?q=%ED%A0%80')).status).toBe(200)
    })
  })
})
