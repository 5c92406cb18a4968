import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { injectJson } from '../support/test-auth.ts'

// What the route fuzzer (route-fuzz.test.ts) found, one focused test each, with the request
// that exposed it: each answer is a catalog error naming the field, and nothing is written.
describe('bugs the route fuzzer found', () => {
  let kairos: TestKairos
  const count = async (table: string) => (await kairos.core.database.pool.query(`select count(*)::int as n from ${table}`)).rows[0].n
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: string, contentType?: string) =>
    kairos.app.inject({ method, url, headers: { ...kairos.authHeaders, ...(contentType ? { 'content-type': contentType } : {}) }, ...(payload === undefined ? {} : { payload }) })

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
  })
  afterAll(() => kairos?.stop())

  it('reads and writes a contact whose external id is 101–200 characters long (the schema allows 200; the router refused past 100 with a 414)', async () => {
    // Found as: PUT /api/contacts/xxxx…(150 x) → 414 KAIROS_BAD_REQUEST "is exceeding the max param length".
    const id = 'x'.repeat(150)
    expect((await kairos.api('POST', '/api/events', { contact: id, name: 'signed_up' })).status).toBe(202)
    expect((await kairos.api('PUT', `/api/contacts/${id}`, { tags: ['long'] })).status).toBe(200)
    const read = await kairos.api('GET', `/api/contacts/${id}`)
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ externalId: id, tags: ['long'] })
    // Past the schema's 200 the schema names the parameter; far past it the router does.
    const over = await kairos.api('GET', `/api/contacts/${'y'.repeat(201)}`)
    expect(over.status).toBe(400)
    expect(over.body.error.details).toEqual([expect.objectContaining({ field: 'params.externalId' })])
    const far = await kairos.api('GET', `/api/flows/${'z'.repeat(5000)}`)
    expect(far.status).toBe(414)
    expect(far.body.error).toMatchObject({ code: 'KAIROS_URI_TOO_LONG', details: [{ field: 'params' }] })
  })

  // Fastify's own refusals left as { code: 'KAIROS_BAD_REQUEST', details: [] }: a code outside the catalog, naming nothing.
  it('names the body when content-type says JSON and the body is empty', async () => {
    // Found as: POST /api/auth/password, content-type application/json, empty body.
    const response = await send('POST', '/api/segments', '', 'application/json')
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'KAIROS_VALIDATION', details: [{ field: 'body', message: expect.stringContaining('empty') }] })
    expect(await count('segments')).toBe(0)
  })

  it('answers 415 naming headers.content-type for a body that is not JSON', async () => {
    // Found as: PUT /api/segments/:id with content-type application/x-www-form-urlencoded.
    const response = await send('POST', '/api/segments', JSON.stringify({ name: 'VIP', condition: { tag: 'vip' } }), 'application/x-www-form-urlencoded')
    expect(response.statusCode).toBe(415)
    expect(response.json().error).toMatchObject({ code: 'KAIROS_UNSUPPORTED_MEDIA_TYPE', details: [{ field: 'headers.content-type' }] })
    expect(await count('segments')).toBe(0)
  })

  it('answers 413 naming the body past the 5 MiB limit', async () => {
    // Found as: POST /api/coupon-pools/:id/codes with 6 MB of JSON.
    const before = await count('contacts')
    const response = await send('POST', '/api/contacts/batch', `[${'1,'.repeat(3_000_000)}1]`, 'application/json')
    expect(response.statusCode).toBe(413)
    expect(response.json().error).toMatchObject({ code: 'KAIROS_PAYLOAD_TOO_LARGE', message: expect.stringContaining('5 MiB'), details: [{ field: 'body' }] })
    expect(await count('contacts')).toBe(before)
  })

  it('refuses a channel kind that is a property of every object ("toString", "constructor") as an unknown kind', async () => {
    // Found as: PUT /api/channels/email-main {"kind":"toString","config":{…}} → 500 (CHANNEL_KINDS answered Object.prototype.toString).
    for (const kind of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const { status, body } = await kairos.api('PUT', '/api/channels/email-main', { kind, config: { url: 'https://sms.example/send' } })
      expect(status, kind).toBe(400)
      expect(body.error.details).toEqual([expect.objectContaining({ field: 'body.kind', message: `unknown channel kind "${kind}"` })])
    }
    expect(await count('channels')).toBe(0)
  })

  it('reads names such as "constructor" as plain names in node configs, not as Object.prototype (the same bug as channel kinds)', async () => {
    // Found by looking for the channel-kind bug's siblings: lookups of config text in plain objects.
    const publish = async (graph: unknown) => {
      const created = await kairos.api('POST', '/api/flows', { name: 'Prototype names', graph })
      return kairos.api('POST', `/api/flows/${created.body.id}/publish`)
    }
    // cron "constructor" said `(MACROS[text] ?? text).split is not a function`.
    const cron = await publish({ nodes: [{ id: 's', type: 'trigger.schedule', config: { cron: 'constructor', everyone: true } }], edges: [] })
    expect(cron.status).toBe(400)
    expect(cron.body.error.details).toEqual([{ node: 's', field: 'config.cron', message: 'a cron expression has 5 fields (minute hour day month weekday), not 1' }])
    // update.contact refused attributes called constructor and toString as `function Object() { [native code] }`.
    const update = await publish({
      nodes: [{ id: 'e', type: 'trigger.event', config: { event: 'x' } }, { id: 'u', type: 'update.contact', config: { set: { constructor: 'a', toString: 'b' }, unset: ['__proto__'] } }],
      edges: [{ source: 'e', target: 'u' }],
    })
    expect(update.status).toBe(400)
    expect(update.body.error.details).toEqual([{ node: 'u', field: 'config.unset[0]', message: '"__proto__" is not an attribute name' }])
  })

  it('refuses a channel rate so small that its send slots overflow Postgres (every send on the channel failed)', async () => {
    // Found as: PUT /api/channels/sms-main {"kind":"sms.http",…,"ratePerSecond":5e-324} → 200; then reserveSlot failed with
    // "value out of range: overflow" (1e-300: "timestamp out of range"; 1e-12 booked the next slot in the year 33715).
    for (const ratePerSecond of [5e-324, 1e-300, 1e-12, 0.0009]) {
      const { status, body } = await kairos.api('PUT', '/api/channels/sms-tiny', { kind: 'sms.http', config: { url: 'http://127.0.0.1:9/sms' }, ratePerSecond })
      expect(status, String(ratePerSecond)).toBe(400)
      expect(body.error.details).toContainEqual({ field: 'body.ratePerSecond', message: 'must be >= 0.001' })
    }
    expect(await count('channels')).toBe(0)
    expect((await kairos.api('PUT', '/api/channels/sms-tiny', { kind: 'sms.http', config: { url: 'http://127.0.0.1:9/sms' }, ratePerSecond: 0.001 })).status).toBe(200)
    const { reserveSlot } = await import('../../packages/server/src/delivery/rate-limit.ts')
    const now = new Date()
    expect(await reserveSlot(kairos.core.database.db, 'sms-tiny', now)).toEqual(now)
    expect((await reserveSlot(kairos.core.database.db, 'sms-tiny', now)).getTime()).toBe(now.getTime() + 1_000_000)
  })

  it('names the parameter, query key or body field that holds a NUL (Postgres refused it and the answer always said "body")', async () => {
    // Found as: GET /api/contacts/%00 → 400 { field: 'body', message: 'invalid byte sequence for encoding "UTF8": 0x00' }.
    const field = async (method: 'GET' | 'POST', url: string, body?: unknown) => (await kairos.api(method, url, body)).body.error.details[0].field
    expect(await field('GET', '/api/contacts/%00')).toBe('params.externalId')
    expect(await field('GET', '/api/contacts?q=a%00b')).toBe('querystring.q')
    expect(await field('GET', '/api/audit?actor=%00')).toBe('querystring.actor')
    const before = await count('events')
    expect(await field('POST', '/api/events', { events: [{ contact: 'x', name: 'ok' }, { contact: 'x', name: 'ok', properties: { note: 'a\u0000b' } }] })).toBe('body.events[1].properties.note')
    expect(await count('events')).toBe(before)
  })

  it('answers a plain GET of the live websocket with an error saying to upgrade (was a bare 404 with no body)', async () => {
    // Found as: GET /api/live without Upgrade: websocket.
    const response = await injectJson(kairos.app, { method: 'GET', url: '/api/live', headers: kairos.authHeaders })
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'KAIROS_VALIDATION', details: [{ field: 'headers.upgrade', message: 'must be websocket' }] })
    expect(kairos.app.accessTable.find((r) => r.method === 'GET' && r.url === '/api/live')?.websocket).toBe(true)
  })
})
