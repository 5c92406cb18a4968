import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccessRoute } from '@kairos/server'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { injectJson, keyHeaders, userSession, type SessionClient } from '../support/test-auth.ts'

// Walks the app's own route table (every route registered, with the permission it declared),
// not a hand-made list: a route added tomorrow is covered by these tests without a line here.

let kairos: TestKairos
let routes: AccessRoute[]

/** A URL for a route pattern: each `:param` filled with a value of the right shape, `*` with a file name. */
function urlOf(route: AccessRoute): string {
  return route.url
    .replace(/:id\b/g, '00000000-0000-4000-8000-000000000000')
    .replace(/:(\w+)/g, 'probe')
    .replace(/\*$/, 'index.html')
}

const call = (route: AccessRoute, headers: Record<string, string> = {}) =>
  injectJson(kairos.app, { method: route.method as 'GET', url: urlOf(route), headers, body: ['GET', 'HEAD', 'DELETE'].includes(route.method) ? undefined : {} })

/** Routes that change nothing of the workspace although they are not GETs (previews, a port list, one's own session). */
const READ_ONLY_WRITES = new Set(['POST /api/templates/preview', 'POST /api/segments/preview', 'POST /api/node-types/ports'])
const OWN_ACCOUNT = new Set(['POST /api/auth/logout', 'POST /api/auth/password'])

beforeAll(async () => {
  kairos = await startTestKairos({ worker: false })
  routes = kairos.app.accessTable
})
afterAll(() => kairos.stop())

describe('the route table', () => {
  it('declares a permission on every route, and only /health, /ready, login, setup, providers\' receipts and the editor are public', () => {
    expect(routes.length).toBeGreaterThan(50)
    const publicRoutes = routes.filter((r) => r.permission === 'public').map((r) => `${r.method} ${r.url}`)
    // No editor files in this app (serveWeb: false); see the static test below for those.
    expect(publicRoutes.sort()).toEqual(
      [
        'GET /health', 'HEAD /health', 'GET /ready', 'HEAD /ready',
        'GET /api/auth/status', 'HEAD /api/auth/status', 'POST /api/auth/setup', 'POST /api/auth/login', 'POST /api/auth/logout',
        // Called by providers, which sign them: the channel kind checks the signature (channel-receipt-routes.ts).
        'GET /api/channels/:name/receipts', 'HEAD /api/channels/:name/receipts', 'POST /api/channels/:name/receipts',
        // The browser snippet, and CORS preflights of the tracking API (they carry no key; track-cors.ts).
        'GET /v1/kairos.js', 'HEAD /v1/kairos.js', 'OPTIONS /v1/track', 'OPTIONS /v1/identify', 'OPTIONS /v1/batch',
        // Tracked short links and open pixels, which contacts' phones and mail clients load (tracked-link-routes.ts).
        'GET /c/:code', 'HEAD /c/:code', 'GET /o/:file', 'HEAD /o/:file',
      ].sort(),
    )
    expect(routes.find((r) => r.url === '/docs')?.permission).toBe('read')
  })

  it('answers 401 to a caller without credentials on every route but the public ones', async () => {
    const answers = []
    for (const route of routes.filter((r) => r.permission !== 'public')) answers.push([`${route.method} ${route.url}`, (await call(route)).status])
    expect(answers.filter(([, status]) => status !== 401)).toEqual([])
    expect(answers.length).toBeGreaterThan(45)
  })

  it('answers 401 to a made-up or revoked key, and to a session cookie that was never issued', async () => {
    const flows = routes.find((r) => r.method === 'GET' && r.url === '/api/flows')!
    expect((await call(flows, { authorization: 'Bearer kai_not-a-real-key' })).status).toBe(401)
    expect((await call(flows, { authorization: 'Basic YWRtaW46YWRtaW4=' })).status).toBe(401)
    expect((await call(flows, { cookie: 'kairos_session=forged' })).status).toBe(401)
    const key = await injectJson(kairos.app, { method: 'POST', url: '/api/api-keys', headers: kairos.authHeaders, body: { name: 'short-lived', scopes: ['read'] } })
    const bearer = { authorization: `Bearer ${key.body.secret}` }
    expect((await call(flows, bearer)).status).toBe(200)
    expect((await injectJson(kairos.app, { method: 'DELETE', url: `/api/api-keys/${key.body.key.id}`, headers: kairos.authHeaders })).status).toBe(204)
    expect((await call(flows, bearer)).status).toBe(401)
  })
})

describe('a viewer', () => {
  let viewer: SessionClient
  beforeAll(async () => {
    viewer = await userSession(kairos.app, kairos.authHeaders, { email: 'vera@shop.example', role: 'viewer' })
  })

  it('gets 403 on every state-changing route', async () => {
    const writes = routes.filter((r) => !['GET', 'HEAD'].includes(r.method) && r.permission !== 'public')
    const answers = []
    for (const route of writes) {
      const name = `${route.method} ${route.url}`
      if (READ_ONLY_WRITES.has(name) || OWN_ACCOUNT.has(name)) continue
      answers.push([name, (await call(route, viewer.headers)).status])
    }
    expect(answers.filter(([, status]) => status !== 403)).toEqual([])
    expect(answers.length).toBeGreaterThan(20)
  })

  it('reads everything but the admin pages (users, keys)', async () => {
    const reads = routes.filter((r) => r.method === 'GET' && !r.websocket && r.permission !== 'public')
    const refused = []
    for (const route of reads) if ((await call(route, viewer.headers)).status === 403) refused.push(route.url)
    expect(refused.sort()).toEqual(['/api/api-keys', '/api/users', '/api/users/:id', '/metrics'])
  })
})

describe('an events:write key', () => {
  it('passes only ingestion: events and delivery receipts, and saying who it is', async () => {
    const headers = await keyHeaders(kairos.app, kairos.authHeaders, ['events:write'])
    const passed = []
    for (const route of routes.filter((r) => r.permission !== 'public' && !r.websocket))
      if ((await call(route, headers)).status !== 403) passed.push(`${route.method} ${route.url}`)
    expect(passed.sort()).toEqual(['GET /api/auth/me', 'HEAD /api/auth/me', 'POST /api/deliveries/:id/status', 'POST /api/events', 'POST /v1/track', 'POST /v1/identify', 'POST /v1/batch'].sort())
    const event = await injectJson(kairos.app, { method: 'POST', url: '/api/events', headers, body: { contact: 'ada', name: 'cart_added' } })
    expect(event.status).toBe(202)
  })

  it('and a contacts:write key passes only contact writes', async () => {
    const headers = await keyHeaders(kairos.app, kairos.authHeaders, ['contacts:write'])
    const passed = []
    for (const route of routes.filter((r) => r.permission !== 'public' && !r.websocket && r.permission !== 'authenticated'))
      if ((await call(route, headers)).status !== 403) passed.push(`${route.method} ${route.url}`)
    expect(passed.sort()).toEqual(['POST /api/contacts/batch', 'PUT /api/contacts/:externalId'])
  })
})

describe('a sales user', () => {
  it('sees only the tasks assigned to them and the contacts they own, and completes only their own tasks', async () => {
    for (const rep of ['li', 'wang']) expect((await kairos.api('PUT', `/api/sales-reps/${rep}`, { name: rep })).status).toBe(200)
    await kairos.api('PUT', '/api/contacts/mine', { ownerId: 'li', attributes: { name: 'Mine' } })
    await kairos.api('PUT', '/api/contacts/theirs', { ownerId: 'wang', attributes: { name: 'Theirs' } })
    const db = kairos.core.database.db
    const contactId = async (externalId: string) => (await db.selectFrom('contacts').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).id
    const due = new Date(Date.now() + 3_600_000)
    const [myTask, theirTask] = await db
      .insertInto('tasks')
      .values([
        { rep_id: 'li', contact_id: await contactId('mine'), kind: 'follow_up', title: 'Call Mine', due_at: due, status: 'open', created_at: new Date() },
        { rep_id: 'wang', contact_id: await contactId('theirs'), kind: 'follow_up', title: 'Call Theirs', due_at: due, status: 'open', created_at: new Date() },
      ] as never)
      .returning('id')
      .execute()
    const li = await userSession(kairos.app, kairos.authHeaders, { email: 'li@shop.example', role: 'sales', salesRepId: 'li' })

    const tasks = (await li.api('GET', '/api/tasks?rep=wang')).body.tasks
    expect(tasks.map((t: any) => t.title)).toEqual(['Call Mine'])
    expect((await li.api('GET', '/api/contacts')).body.contacts.map((c: any) => c.externalId)).toEqual(['mine'])
    expect((await li.api('GET', '/api/contacts/mine')).status).toBe(200)
    expect((await li.api('GET', '/api/contacts/theirs')).status).toBe(404)
    expect((await li.api('POST', `/api/tasks/${theirTask.id}/complete`, {})).status).toBe(404)
    expect((await li.api('POST', `/api/tasks/${myTask.id}/complete`, { outcome: 'reached' })).body.status).toBe('done')
    // Nothing else of the workspace: no flows, runs, deliveries or channels.
    for (const url of ['/api/flows', '/api/runs', '/api/deliveries', '/api/channels', '/api/audit']) expect((await li.api('GET', url)).status).toBe(403)
  })
})

describe('the live websocket', () => {
  const open = (headers: Record<string, string>, app = kairos.app) =>
    app.injectWS('/api/live', { headers }).then(
      (socket) => (socket.terminate(), 'open'),
      (error: Error) => error.message,
    )

  it('opens with a read key or a session from its own origin, and refuses an ingestion key, no credentials or a foreign page', async () => {
    const viewer = await userSession(kairos.app, kairos.authHeaders, { email: 'watcher@shop.example', role: 'viewer' })
    expect(await open(await keyHeaders(kairos.app, kairos.authHeaders, ['read']))).toBe('open')
    expect(await open(await keyHeaders(kairos.app, kairos.authHeaders, ['events:write']))).toMatch(/403/)
    expect(await open({})).toMatch(/401/)
    expect(await open({ cookie: viewer.cookie, host: 'kairos.shop.example', origin: 'http://kairos.shop.example' })).toBe('open')
    expect(await open({ cookie: viewer.cookie, host: 'kairos.shop.example', origin: 'https://evil.example' })).toMatch(/403/)
  })

  it('accepts a session from an origin listed in KAIROS_ALLOWED_ORIGINS', async () => {
    const { buildApp } = await import('@kairos/server')
    const app = await buildApp(kairos.core, { serveWeb: false, access: { allowedOrigins: ['https://crm.shop.example'] } })
    const viewer = await userSession(app, kairos.authHeaders, { email: 'crm@shop.example', role: 'viewer' })
    expect(await open({ cookie: viewer.cookie, host: 'kairos.shop.example', origin: 'https://crm.shop.example' }, app)).toBe('open')
    expect(await open({ cookie: viewer.cookie, host: 'kairos.shop.example', origin: 'https://other.shop.example' }, app)).toMatch(/403/)
    await app.close()
  })
})
