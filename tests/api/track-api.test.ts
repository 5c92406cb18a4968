import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '@kairos/server'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { injectJson } from '../support/test-auth.ts'

const SHOP = 'https://shop.example'
const OTHER_SHOP = 'https://other.example'

// A journey started by a website's event: viewed_product → tag the contact.
const viewedProductFlow = {
  nodes: [
    { id: 'viewed', type: 'trigger.event', config: { event: 'viewed_product' } },
    { id: 'mark', type: 'tag', config: { add: ['browsed'], remove: [] } },
  ],
  edges: [{ source: 'viewed', sourcePort: 'next', target: 'mark' }],
  settings: { reentry: 'always' },
}

// The tracking API in Segment's shape, with a public key (scope track) as a website uses it.
describe('tracking API (/v1/track, /v1/identify, /v1/batch)', () => {
  let kairos: TestKairos
  let publicKey: string
  let flowId: string

  const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` })
  const send = (url: string, body: unknown, headers: Record<string, string> = basic(publicKey)) =>
    injectJson(kairos.app, { method: 'POST', url, headers, body })
  const query = async <T = any>(text: string, values: unknown[] = []) => (await kairos.core.database.pool.query(text, values)).rows as T[]
  const eventsOf = (externalId: string) =>
    query(`select e.name, e.idempotency_id, e.occurred_at, e.properties from events e join contacts c on c.id = e.contact_id where c.external_id = $1 order by e.id`, [externalId])
  const runsOf = async (externalId: string) => (await kairos.api('GET', `/api/runs?flow=${flowId}&contact=${externalId}`)).body.runs as any[]

  beforeAll(async () => {
    kairos = await startTestKairos()
    const created = await kairos.api('POST', '/api/api-keys', { name: 'shop site', scopes: ['track'], allowedOrigins: [SHOP, 'http://127.0.0.1:8080/'] })
    expect(created.status).toBe(201)
    publicKey = created.body.secret
    flowId = await publishFlow(kairos, 'Browsed', viewedProductFlow)
  })
  afterAll(() => kairos?.stop())

  describe('public keys', () => {
    it('are created with their origins, normalized, and read kai_pub_…', async () => {
      expect(publicKey).toMatch(/^kai_pub_/)
      const { keys } = (await kairos.api('GET', '/api/api-keys')).body
      const key = keys.find((k: any) => k.name === 'shop site')
      expect(key).toMatchObject({ scopes: ['track'], allowedOrigins: [SHOP, 'http://127.0.0.1:8080'], prefix: publicKey.slice(0, 12) })
    })

    it('refuses origins that are not exact origins, a track scope mixed with others, and origins on other keys, naming the field', async () => {
      const withPath = await kairos.api('POST', '/api/api-keys', { name: 'bad', scopes: ['track'], allowedOrigins: [SHOP, 'https://shop.example/cart'] })
      expect(withPath.status).toBe(400)
      expect(withPath.body.error.details).toEqual([expect.objectContaining({ field: 'body.allowedOrigins[1]' })])
      const wildcard = await kairos.api('POST', '/api/api-keys', { name: 'bad', scopes: ['track'], allowedOrigins: ['*'] })
      expect(wildcard.body.error.details[0].field).toBe('body.allowedOrigins[0]')
      const mixed = await kairos.api('POST', '/api/api-keys', { name: 'bad', scopes: ['track', 'read'] })
      expect(mixed.status).toBe(400)
      expect(mixed.body.error.details[0]).toMatchObject({ field: 'body.scopes' })
      const secretWithOrigins = await kairos.api('POST', '/api/api-keys', { name: 'bad', scopes: ['events:write'], allowedOrigins: [SHOP] })
      expect(secretWithOrigins.status).toBe(400)
      expect(secretWithOrigins.body.error.details[0].field).toBe('body.allowedOrigins')
    })

    it('may call the tracking API and nothing else', async () => {
      const bearer = { authorization: `Bearer ${publicKey}` }
      for (const [method, url, body] of [
        ['GET', '/api/flows', undefined],
        ['GET', '/api/contacts', undefined],
        ['GET', '/api/auth/me', undefined],
        ['POST', '/api/events', { contact: 'mallory', name: 'order_placed' }],
        ['PUT', '/api/contacts/mallory', { attributes: { vip: true } }],
        ['POST', '/api/api-keys', { name: 'escalate', scopes: ['admin'] }],
      ] as const) {
        for (const headers of [bearer, basic(publicKey)]) {
          const reply = await injectJson(kairos.app, { method, url, headers, body })
          expect(reply.status, `${method} ${url}`).toBe(403)
          expect(reply.body.error.code).toBe('KAIROS_FORBIDDEN')
        }
      }
      // The body's writeKey is read by the tracking API alone; elsewhere it is no credential.
      const inBody = await injectJson(kairos.app, { method: 'POST', url: '/api/events', body: { contact: 'mallory', name: 'x', writeKey: publicKey } })
      expect(inBody.status).toBe(401)
      expect(await query(`select 1 from contacts where external_id = 'mallory'`)).toEqual([])
    })

    it('is taken as HTTP Basic (the key as user name), as Bearer, or as body.writeKey; a wrong or missing key is a 401', async () => {
      expect((await send('/v1/track', { userId: 'k1', event: 'a' })).status).toBe(200)
      expect((await send('/v1/track', { userId: 'k1', event: 'b' }, { authorization: `Bearer ${publicKey}` })).status).toBe(200)
      expect((await send('/v1/track', { userId: 'k1', event: 'c', writeKey: publicKey }, {})).body).toEqual({ success: true })
      expect((await eventsOf('k1')).map((e) => e.name)).toEqual(['a', 'b', 'c'])
      const missing = await send('/v1/track', { userId: 'k1', event: 'd' }, {})
      expect(missing.status).toBe(401)
      expect(missing.body.error.message).toContain('writeKey')
      expect((await send('/v1/track', { userId: 'k1', event: 'd' }, basic('kai_pub_not-a-key'))).status).toBe(401)
      expect((await send('/v1/track', { userId: 'k1', event: 'd', writeKey: 'kai_pub_not-a-key' }, {})).status).toBe(401)
    })

    it('stops working once revoked', async () => {
      const created = await kairos.api('POST', '/api/api-keys', { name: 'short lived', scopes: ['track'] })
      expect((await send('/v1/track', { userId: 'k2', event: 'a' }, basic(created.body.secret))).status).toBe(200)
      await kairos.api('DELETE', `/api/api-keys/${created.body.key.id}`)
      expect((await send('/v1/track', { userId: 'k2', event: 'b' }, basic(created.body.secret))).status).toBe(401)
    })
  })

  describe('shape', () => {
    it('names the field that is wrong, and stores nothing of a batch with one bad item', async () => {
      const noId = await send('/v1/track', { event: 'viewed_product' })
      expect(noId.status).toBe(400)
      expect(noId.body.error.details).toEqual([{ field: 'body.userId', message: 'userId or anonymousId is required' }])
      const noEvent = await send('/v1/track', { userId: 's1' })
      expect(noEvent.status).toBe(400)
      expect(noEvent.body.error.details).toEqual([{ field: 'body.event', message: 'is required' }])
      const badType = await send('/v1/track', { userId: 's1', event: 'x', properties: 'big' })
      expect(badType.body.error.details[0].field).toBe('body.properties')
      const badTime = await send('/v1/track', { userId: 's1', event: 'x', timestamp: 'yesterday' })
      expect(badTime.body.error.details[0].field).toBe('body.timestamp')

      const batch = await send('/v1/batch', {
        batch: [
          { type: 'track', userId: 's1', event: 'fine' },
          { type: 'track', userId: 's1' },
          { type: 'identify', traits: { name: 'Sam' } },
          { type: 'alias', userId: 's1', previousId: 'x' },
        ],
      })
      expect(batch.status).toBe(400)
      expect(batch.body.error.details.map((d: any) => d.field)).toEqual(['body.batch[3].type'])
      const perType = await send('/v1/batch', { batch: [{ type: 'track', userId: 's1', event: 'fine' }, { type: 'track', userId: 's1' }, { type: 'identify', traits: { name: 'Sam' } }] })
      expect(perType.body.error.details).toEqual([
        { field: 'body.batch[1].event', message: 'is required for a track call' },
        { field: 'body.batch[2].userId', message: 'userId or anonymousId is required' },
      ])
      expect(await eventsOf('s1')).toEqual([])
      expect((await send('/v1/batch', { batch: [] })).body.error.details[0].field).toBe('body.batch')
    })

    it('holds Segment\'s limits: 32 KB a message, 500 KB a batch', async () => {
      const big = 'x'.repeat(33 * 1024)
      const oneTooBig = await send('/v1/batch', { batch: [{ type: 'track', userId: 's2', event: 'ok' }, { type: 'track', userId: 's2', event: 'big', properties: { big } }] })
      expect(oneTooBig.status).toBe(400)
      expect(oneTooBig.body.error.details).toEqual([{ field: 'body.batch[1]', message: 'is larger than 32 KB (the limit per message)' }])
      const single = await send('/v1/track', { userId: 's2', event: 'big', properties: { big } })
      expect(single.status).toBe(413)
      const item = { type: 'track', userId: 's2', event: 'ok', properties: { text: 'y'.repeat(30 * 1024) } }
      const wholeTooBig = await send('/v1/batch', { batch: Array.from({ length: 17 }, () => item) })
      expect(wholeTooBig.status).toBe(413)
      expect((await send('/v1/batch', { batch: Array.from({ length: 15 }, () => item) })).status).toBe(200)
      expect(await eventsOf('s2')).toHaveLength(15)
    })

    it('reads the time as Segment does: timestamp, else originalTimestamp corrected by the client clock\'s error, else now', async () => {
      const now = kairos.now()
      const hourAhead = (ms: number) => new Date(now.getTime() + 3_600_000 + ms).toISOString()
      await send('/v1/batch', {
        sentAt: hourAhead(0),
        batch: [
          { type: 'track', userId: 't1', event: 'stamped', timestamp: '2025-05-01T08:00:00.000Z' },
          // The phone's clock is an hour ahead: its event 10 s before sending happened 10 s before now.
          { type: 'track', userId: 't1', event: 'skewed', originalTimestamp: hourAhead(-10_000) },
          { type: 'track', userId: 't1', event: 'unstamped' },
        ],
      })
      const times = Object.fromEntries((await eventsOf('t1')).map((e) => [e.name, new Date(e.occurred_at).getTime()]))
      expect(times.stamped).toBe(Date.parse('2025-05-01T08:00:00.000Z'))
      expect(times.skewed).toBe(now.getTime() - 10_000)
      expect(times.unstamped).toBe(now.getTime())
    })
  })

  describe('events and identify', () => {
    it('starts a journey from a /v1/track event exactly as from POST /api/events', async () => {
      expect((await send('/v1/track', { userId: 'j1', event: 'viewed_product', properties: { sku: 'A-1' } })).body).toEqual({ success: true })
      await kairos.drain()
      const [run] = await runsOf('j1')
      expect(run).toMatchObject({ status: 'completed' })
      expect((await kairos.api('GET', '/api/contacts/j1')).body.tags).toEqual(['browsed'])
      expect(await eventsOf('j1')).toEqual([expect.objectContaining({ name: 'viewed_product', properties: { sku: 'A-1' } })])
    })

    it('ignores a repeated messageId, within a batch and across requests', async () => {
      const event = { type: 'track', userId: 'm1', event: 'viewed_product', messageId: 'msg-m1-1' }
      await send('/v1/batch', { batch: [event, event] })
      await send('/v1/track', event)
      await send('/v1/batch', { batch: [event, { ...event, messageId: 'msg-m1-2' }] })
      expect((await eventsOf('m1')).map((e) => e.idempotency_id)).toEqual(['msg-m1-1', 'msg-m1-2'])
      await kairos.drain()
      expect(await runsOf('m1')).toHaveLength(2)
    })

    it('upserts the contact from identify with a CDP\'s secret key: userId is the external id, traits merge into its attributes', async () => {
      const cdp = await kairos.api('POST', '/api/api-keys', { name: 'CDP', scopes: ['events:write', 'contacts:write'] })
      const asCdp = basic(cdp.body.secret)
      await send('/v1/identify', { userId: 'u42', traits: { name: 'Li Wei', email: 'li@example.com', plan: 'free' } }, asCdp)
      await send('/v1/identify', { userId: 'u42', traits: { plan: 'pro', email: null } }, asCdp)
      expect((await kairos.api('GET', '/api/contacts/u42')).body.attributes).toEqual({ name: 'Li Wei', plan: 'pro' })
      // Numbers are taken as their text, as Segment's libraries may send them.
      await send('/v1/identify', { userId: 7, traits: { name: 'Seven' } }, asCdp)
      expect((await kairos.api('GET', '/api/contacts/7')).body.attributes).toEqual({ name: 'Seven' })
      // A key for events alone may send to /v1 too, but its traits only add, as a public key's do.
      const eventsOnly = await kairos.api('POST', '/api/api-keys', { name: 'events only', scopes: ['events:write'] })
      await send('/v1/identify', { userId: 'u42', traits: { plan: 'enterprise', city: 'Hangzhou' } }, basic(eventsOnly.body.secret))
      expect((await kairos.api('GET', '/api/contacts/u42')).body.attributes).toEqual({ name: 'Li Wei', plan: 'pro', city: 'Hangzhou' })
    })

    it('lets a public key only add attributes: nobody can point a known customer\'s phone at themselves', async () => {
      await kairos.api('PUT', '/api/contacts/vip-1', { attributes: { name: 'Wang Fang', phone: '+8613800000001', tier: 'gold' } })
      await send('/v1/identify', { userId: 'vip-1', traits: { phone: '+8613900000666', tier: null, city: 'Suzhou' } })
      expect((await kairos.api('GET', '/api/contacts/vip-1')).body.attributes).toEqual({ name: 'Wang Fang', phone: '+8613800000001', tier: 'gold', city: 'Suzhou' })
      // A new contact gets everything the sign-up form sent.
      await send('/v1/identify', { userId: 'new-1', traits: { name: 'Zhao Lei', phone: '+8613700000002' } })
      expect((await kairos.api('GET', '/api/contacts/new-1')).body.attributes).toEqual({ name: 'Zhao Lei', phone: '+8613700000002' })
    })

    // Addresses, consent, owner and timezone: a guessed userId must not let a stranger fill them in.
    const hijack = {
      phone: '+8613900000666', Mobile: '+8613900000667', email: 'attacker@example.com', openid: 'o-attacker', wecom_user_id: 'attacker',
      consent: { sms: false }, ownerId: 'rep-attacker', timezone: 'Pacific/Kiritimati', nickname: 'Fang',
    }

    it('never lets a public key set an address, consent, owner or timezone on an existing contact that lacks them', async () => {
      await kairos.api('PUT', '/api/contacts/vip-2', { attributes: { name: 'Wang Fang' } })
      expect((await send('/v1/identify', { userId: 'vip-2', traits: hijack })).status).toBe(200)
      expect((await kairos.api('GET', '/api/contacts/vip-2')).body.attributes).toEqual({ name: 'Wang Fang', nickname: 'Fang' })
      // A contact an earlier event created exists too: its sign-up traits come in the identify that first names it.
      await send('/v1/track', { userId: 'vip-3', event: 'viewed_product' })
      await send('/v1/batch', { batch: [{ type: 'identify', userId: 'vip-3', traits: hijack }] })
      expect((await kairos.api('GET', '/api/contacts/vip-3')).body.attributes).toEqual({ nickname: 'Fang' })
      // Nor through a visitor linked to the contact, nor through traits held anonymously and named later.
      await send('/v1/identify', { userId: 'vip-2', anonymousId: 'anon-vip-2' })
      await send('/v1/identify', { anonymousId: 'anon-vip-2', traits: { phone: '+8613900000666' } })
      await send('/v1/identify', { anonymousId: 'anon-vip-4', traits: { phone: '+8613900000666' } })
      await send('/v1/identify', { anonymousId: 'anon-vip-4', userId: 'vip-2' })
      expect((await kairos.api('GET', '/api/contacts/vip-2')).body.attributes).toEqual({ name: 'Wang Fang', nickname: 'Fang' })
      // A key with contacts:write (a CDP's, an admin's) sets them as PUT /api/contacts does.
      const cdp = await kairos.api('POST', '/api/api-keys', { name: 'CDP 2', scopes: ['events:write', 'contacts:write'] })
      await send('/v1/identify', { userId: 'vip-2', traits: { phone: '+8613800000002' } }, basic(cdp.body.secret))
      expect((await kairos.api('GET', '/api/contacts/vip-2')).body.attributes).toMatchObject({ phone: '+8613800000002' })
    })

    it('lets a sign-up set them on the contact its own request creates, anonymously held traits included', async () => {
      await send('/v1/identify', { anonymousId: 'anon-signup', traits: { phone: '+8613700000003', email: 'sun@example.com' } })
      await send('/v1/identify', { anonymousId: 'anon-signup', userId: 'signup-1', traits: { name: 'Sun Li', consent: { sms: true }, phone_verified: true, emailVerified: true } })
      // All but what only the back end may say: that the phone or email was verified (a bot's sign-up must not set off an SMS journey).
      expect((await kairos.api('GET', '/api/contacts/signup-1')).body.attributes).toEqual({ name: 'Sun Li', phone: '+8613700000003', email: 'sun@example.com', consent: { sms: true } })
      await send('/v1/identify', { userId: 'signup-1', traits: { phone_verified: true } })
      expect((await kairos.api('GET', '/api/contacts/signup-1')).body.attributes).not.toHaveProperty('phone_verified')
    })

    it('decides "created by this request" atomically: a sign-up racing another write of the same new userId sets no phone', async () => {
      const other = await kairos.core.database.pool.connect()
      try {
        await other.query('begin')
        await other.query(`insert into contacts (external_id) values ('race-signup')`)
        const waiting = send('/v1/identify', { userId: 'race-signup', traits: { phone: '+8613900000666', city: 'Ningbo' } })
        await expect.poll(async () => (await query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`))[0].n, { timeout: 5000 }).toBeGreaterThan(0)
        await other.query('commit')
        expect((await waiting).status).toBe(200)
      } finally {
        other.release()
      }
      expect((await kairos.api('GET', '/api/contacts/race-signup')).body.attributes).toEqual({ city: 'Ningbo' })
    })

    it('caps what a public key may add to one contact and hold for one visitor (16 KB), naming the traits', async () => {
      const big = (key: string, kb: number) => ({ [key]: 'x'.repeat(kb * 1024) })
      const one = await send('/v1/identify', { userId: 'cap-1', traits: big('notes', 17) })
      expect(one.status).toBe(400)
      expect(one.body.error.details).toEqual([expect.objectContaining({ field: 'body.traits' })])
      expect((await kairos.api('GET', '/api/contacts/cap-1')).status).toBe(404)

      expect((await send('/v1/identify', { userId: 'cap-1', traits: big('notes', 10) })).status).toBe(200)
      const more = await send('/v1/batch', { batch: [{ type: 'track', userId: 'cap-1', event: 'viewed_product' }, { type: 'identify', userId: 'cap-1', traits: big('bio', 10) }] })
      expect(more.status).toBe(400)
      expect(more.body.error.details).toEqual([expect.objectContaining({ field: 'body.batch[1].traits' })])
      expect(Object.keys((await kairos.api('GET', '/api/contacts/cap-1')).body.attributes)).toEqual(['notes'])

      expect((await send('/v1/identify', { anonymousId: 'anon-cap', traits: big('a', 10) })).status).toBe(200)
      const held = await send('/v1/identify', { anonymousId: 'anon-cap', traits: big('b', 10) })
      expect(held.status).toBe(400)
      expect(held.body.error.details).toEqual([expect.objectContaining({ field: 'body.traits' })])
      expect(Object.keys((await query(`select traits from anonymous_visitors where anonymous_id = 'anon-cap'`))[0].traits)).toEqual(['a'])
      // A contacts:write key is not held to the public cap on attributes.
      const cdp = await kairos.api('POST', '/api/api-keys', { name: 'CDP 3', scopes: ['events:write', 'contacts:write'] })
      expect((await send('/v1/identify', { userId: 'cap-1', traits: big('bio', 10) }, basic(cdp.body.secret))).status).toBe(200)
    })

    it('takes page and screen calls as page_viewed and screen_viewed events', async () => {
      await send('/v1/batch', { batch: [{ type: 'page', userId: 'p1', name: 'Pricing', properties: { path: '/pricing' } }, { type: 'screen', userId: 'p1', name: 'Home' }] })
      expect((await eventsOf('p1')).map((e) => [e.name, e.properties])).toEqual([
        ['page_viewed', { name: 'Pricing', path: '/pricing' }],
        ['screen_viewed', { name: 'Home' }],
      ])
    })
  })

  describe('anonymous visitors', () => {
    it('holds an anonymous visitor\'s events without a contact, and moves them to the contact on identify, starting its journeys', async () => {
      await send('/v1/batch', {
        batch: [
          { type: 'track', anonymousId: 'anon-1', event: 'viewed_product', messageId: 'anon-1-a', properties: { sku: 'B-2' } },
          { type: 'identify', anonymousId: 'anon-1', traits: { email: 'ada@example.com' } },
          { type: 'track', anonymousId: 'anon-1', event: 'added_to_cart', messageId: 'anon-1-b' },
        ],
      })
      expect(await query(`select count(*)::int as n from contacts where external_id like 'anon%'`)).toEqual([{ n: 0 }])
      expect(await query(`select name from anonymous_events where anonymous_id = 'anon-1' order by id`)).toEqual([{ name: 'viewed_product' }, { name: 'added_to_cart' }])
      await kairos.drain()
      const before = await kairos.api('GET', `/api/runs?flow=${flowId}`)

      const identify = { type: 'identify', userId: 'ada', anonymousId: 'anon-1', traits: { name: 'Ada' } }
      expect((await send('/v1/batch', { batch: [identify] })).body).toEqual({ success: true })
      await kairos.drain()
      const moved = await eventsOf('ada')
      expect(moved.map((e) => [e.name, e.idempotency_id])).toEqual([['viewed_product', 'anon-1-a'], ['added_to_cart', 'anon-1-b']])
      expect((await kairos.api('GET', '/api/contacts/ada')).body).toMatchObject({ attributes: { email: 'ada@example.com', name: 'Ada' }, tags: ['browsed'] })
      expect(await runsOf('ada')).toHaveLength(1)
      expect((await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs).toHaveLength(before.body.runs.length + 1)
      expect(await query(`select count(*)::int as n from anonymous_events where anonymous_id = 'anon-1'`)).toEqual([{ n: 0 }])

      // Identifying again (a retried request, a second tab) moves nothing twice and starts nothing twice.
      await send('/v1/batch', { batch: [identify] })
      await send('/v1/identify', { userId: 'ada', anonymousId: 'anon-1' })
      await kairos.drain()
      expect(await eventsOf('ada')).toHaveLength(2)
      expect(await runsOf('ada')).toHaveLength(1)

      // A retry of an event sent before the identify is still ignored; a new anonymous event goes to the contact at once.
      await send('/v1/track', { anonymousId: 'anon-1', event: 'viewed_product', messageId: 'anon-1-a' })
      await send('/v1/track', { anonymousId: 'anon-1', event: 'viewed_product', messageId: 'anon-1-c' })
      await kairos.drain()
      expect((await eventsOf('ada')).map((e) => e.idempotency_id)).toEqual(['anon-1-a', 'anon-1-b', 'anon-1-c'])
      expect(await runsOf('ada')).toHaveLength(2)
      expect(await query(`select count(*)::int as n from anonymous_events`)).toEqual([{ n: 0 }])
    })

    it('applies track, identify, track in the order sent: the first event is the visitor\'s, the last the contact\'s', async () => {
      await send('/v1/batch', {
        batch: [
          { type: 'track', anonymousId: 'anon-2', event: 'first', messageId: 'anon-2-a' },
          { type: 'identify', anonymousId: 'anon-2', userId: 'bo' },
          { type: 'track', anonymousId: 'anon-2', event: 'second', messageId: 'anon-2-b' },
        ],
      })
      expect((await eventsOf('bo')).map((e) => e.name)).toEqual(['first', 'second'])
    })

    it('links a visitor by an event that carries both ids, as a CDP may send no identify', async () => {
      await send('/v1/track', { anonymousId: 'anon-3', event: 'viewed_product', messageId: 'anon-3-a' })
      await send('/v1/track', { anonymousId: 'anon-3', userId: 'cy', event: 'added_to_cart', messageId: 'anon-3-b' })
      expect((await eventsOf('cy')).map((e) => e.name)).toEqual(['viewed_product', 'added_to_cart'])
      // Linked once, a track with both ids of another user does not move the visitor: only identify does.
      await send('/v1/track', { anonymousId: 'anon-3', userId: 'dee', event: 'viewed_product', messageId: 'anon-3-c' })
      await send('/v1/track', { anonymousId: 'anon-3', event: 'later', messageId: 'anon-3-d' })
      expect((await eventsOf('cy')).map((e) => e.name)).toEqual(['viewed_product', 'added_to_cart', 'later'])
    })

    /**
     * Sends `body` while what merge does for the first identify of a new user is held open (the
     * visitor's row locked, the contact created, the link set, the held events taken), then commits.
     */
    const sendWhileLinking = async (anonymousId: string, userId: string, url: string, body: unknown) => {
      const merging = await kairos.core.database.pool.connect()
      try {
        await merging.query('begin')
        await merging.query(`select 1 from anonymous_visitors where anonymous_id = $1 for update`, [anonymousId])
        await merging.query(`insert into contacts (external_id) values ($1)`, [userId])
        await merging.query(`update anonymous_visitors v set contact_id = c.id from contacts c where c.external_id = $1 and v.anonymous_id = $2`, [userId, anonymousId])
        await merging.query(`delete from anonymous_events where anonymous_id = $1`, [anonymousId])
        const waiting = send(url, body)
        await expect.poll(async () => (await query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`))[0].n, { timeout: 5000 }).toBeGreaterThan(0)
        await merging.query('commit')
        expect((await waiting).status).toBe(200)
      } finally {
        merging.release()
      }
    }

    it('sends an event, or traits, to the contact when the visitor was linked to a new contact while they waited for its row', async () => {
      await send('/v1/track', { anonymousId: 'anon-race', event: 'viewed_product', messageId: 'anon-race-a' })
      await sendWhileLinking('anon-race', 'race-user', '/v1/track', { anonymousId: 'anon-race', event: 'added_to_cart', messageId: 'anon-race-b' })
      expect((await eventsOf('race-user')).map((e) => e.idempotency_id)).toEqual(['anon-race-b'])
      expect(await query(`select name from anonymous_events where anonymous_id = 'anon-race'`)).toEqual([])

      await send('/v1/track', { anonymousId: 'anon-race-2', event: 'viewed_product' })
      await sendWhileLinking('anon-race-2', 'race-user-2', '/v1/identify', { anonymousId: 'anon-race-2', traits: { city: 'Hangzhou' } })
      expect((await kairos.api('GET', '/api/contacts/race-user-2')).body.attributes).toEqual({ city: 'Hangzhou' })
    })

    it('forgets visitors never identified after 30 days, with their held events', async () => {
      await send('/v1/track', { anonymousId: 'anon-old', event: 'viewed_product' })
      await kairos.advance('31d')
      await send('/v1/track', { anonymousId: 'anon-new', event: 'viewed_product' })
      const visitors = (await query(`select anonymous_id from anonymous_visitors where anonymous_id like 'anon-%' and contact_id is null`)).map((r) => r.anonymous_id)
      expect(visitors).toEqual(['anon-new'])
      expect(await query(`select anonymous_id from anonymous_events`)).toEqual([{ anonymous_id: 'anon-new' }])
      // Identified visitors are kept: their link sends later anonymous events to the contact.
      expect(await query(`select anonymous_id from anonymous_visitors where anonymous_id = 'anon-1' and contact_id is not null`)).toHaveLength(1)
    })
  })

  describe('CORS by the key\'s origins', () => {
    const preflight = (origin: string) =>
      kairos.app.inject({ method: 'OPTIONS', url: '/v1/batch', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } })

    it('answers a preflight from an origin a public key lists with that exact origin, and an unlisted one with a 403 and no CORS header', async () => {
      const allowed = await preflight(SHOP)
      expect(allowed.statusCode).toBe(204)
      expect(allowed.headers['access-control-allow-origin']).toBe(SHOP)
      expect(allowed.headers['access-control-allow-methods']).toBe('POST')
      expect(allowed.headers['access-control-allow-headers']).toBe('authorization, content-type')
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined()
      expect(allowed.headers.vary).toContain('Origin')
      const refused = await preflight('https://evil.example')
      expect(refused.statusCode).toBe(403)
      expect(refused.headers['access-control-allow-origin']).toBeUndefined()
      expect((await preflight('https://shop.example:8443')).statusCode).toBe(403)
      // An OPTIONS with no Origin is no browser's preflight: what the URL takes, and no CORS header.
      const plain = await kairos.app.inject({ method: 'OPTIONS', url: '/v1/track' })
      expect(plain.statusCode).toBe(204)
      expect(plain.headers.allow).toBe('POST, OPTIONS')
      expect(plain.headers['access-control-allow-origin']).toBeUndefined()
    })

    it('lets a browser send with the key only from the key\'s own origins; servers (no Origin) need none', async () => {
      const other = await kairos.api('POST', '/api/api-keys', { name: 'other site', scopes: ['track'], allowedOrigins: [OTHER_SHOP] })
      // The preflight passes (another key lists the origin) but this key does not list it.
      expect((await preflight(OTHER_SHOP)).statusCode).toBe(204)
      const wrongKey = await send('/v1/track', { userId: 'c1', event: 'x' }, { ...basic(publicKey), origin: OTHER_SHOP })
      expect(wrongKey.status).toBe(403)
      expect(wrongKey.headers['access-control-allow-origin']).toBeUndefined()
      const fromShop = await send('/v1/track', { userId: 'c1', event: 'x', writeKey: publicKey }, { origin: SHOP, 'content-type': 'text/plain' })
      expect(fromShop.status).toBe(200)
      expect(fromShop.headers['access-control-allow-origin']).toBe(SHOP)
      const fromOther = await send('/v1/track', { userId: 'c1', event: 'y' }, { ...basic(other.body.secret), origin: OTHER_SHOP })
      expect(fromOther.headers['access-control-allow-origin']).toBe(OTHER_SHOP)
      // A browser can read the 400 it gets, so the snippet can tell a bad batch from a network error.
      const bad = await send('/v1/track', { userId: 'c1', writeKey: publicKey }, { origin: SHOP, 'content-type': 'text/plain' })
      expect(bad.status).toBe(400)
      expect(bad.headers['access-control-allow-origin']).toBe(SHOP)
      expect((await eventsOf('c1')).map((e) => e.name)).toEqual(['x', 'y'])
      // Revoking the other key takes its origin off the preflight answer.
      await kairos.api('DELETE', `/api/api-keys/${other.body.key.id}`)
      expect((await preflight(OTHER_SHOP)).statusCode).toBe(403)
    })

    it('takes the snippet\'s text/plain body (no preflight) as JSON, and refuses text that is not', async () => {
      const reply = await kairos.app.inject({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SHOP }, payload: JSON.stringify({ writeKey: publicKey, batch: [{ type: 'track', userId: 'c2', event: 'beacon' }] }) })
      expect(reply.statusCode).toBe(200)
      const garbled = await kairos.app.inject({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'text/plain' }, payload: '{"batch": [' })
      expect(garbled.statusCode).toBe(400)
      expect(JSON.parse(garbled.body).error.details).toEqual([{ field: 'body', message: 'is not valid JSON' }])
    })
  })

  it('limits the requests of one key (here 3 a minute), with a 429 and Retry-After', async () => {
    const app = await buildApp(kairos.core, { serveWeb: false, track: { perKey: { max: 3, windowMs: 60_000 } } })
    try {
      const created = await kairos.api('POST', '/api/api-keys', { name: 'limited', scopes: ['track'] })
      const post = (key: string) => injectJson(app, { method: 'POST', url: '/v1/track', headers: basic(key), body: { userId: 'r1', event: 'x' } })
      for (let i = 0; i < 3; i++) expect((await post(created.body.secret)).status).toBe(200)
      const limited = await post(created.body.secret)
      expect(limited.status).toBe(429)
      expect(limited.body.error.code).toBe('KAIROS_RATE_LIMITED')
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
      // Another key has its own allowance.
      expect((await post(publicKey)).status).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('serves the browser snippet to anyone, cacheable, with an ETag', async () => {
    const reply = await kairos.app.inject({ method: 'GET', url: '/v1/kairos.js' })
    expect(reply.statusCode).toBe(200)
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(reply.headers['cache-control']).toBe('public, max-age=3600')
    expect(reply.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(reply.body).toContain('sendBeacon')
    expect(reply.body.length).toBeLessThan(16_000)
    const again = await kairos.app.inject({ method: 'GET', url: '/v1/kairos.js', headers: { 'if-none-match': String(reply.headers.etag) } })
    expect(again.statusCode).toBe(304)
  })
})
