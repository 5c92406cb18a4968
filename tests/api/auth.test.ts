import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readConfig } from '@kairos/server'
import { bootstrapAdmin } from '../../packages/server/src/auth/bootstrap-admin.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { injectJson, logIn, TEST_ADMIN, userSession } from '../support/test-auth.ts'

let kairos: TestKairos
beforeAll(async () => {
  kairos = await startTestKairos({ worker: false })
})
afterAll(() => kairos.stop())

const anonymous = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) =>
  injectJson(kairos.app, { method, url, body, headers })

describe('logging in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie, and /api/auth/me says who and what they may do', async () => {
    const reply = await anonymous('POST', '/api/auth/login', { email: 'ADMIN@kairos.test', password: TEST_ADMIN.password })
    expect(reply.status).toBe(200)
    const cookie = String([reply.headers['set-cookie']].flat()[0])
    expect(cookie).toMatch(/^kairos_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/)
    expect(reply.body.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin', disabled: false })
    expect(reply.body.user.passwordHash).toBeUndefined()
    const me = await anonymous('GET', '/api/auth/me', undefined, { cookie: cookie.split(';')[0] })
    expect(me.body).toMatchObject({ via: 'session', csrfToken: reply.body.csrfToken, user: { email: TEST_ADMIN.email } })
    expect(me.body.permissions).toContain('admin')
    // The database keeps only the hash of the cookie value.
    const rows = await kairos.core.database.db.selectFrom('sessions').select('token_hash').execute()
    expect(rows.some((r) => cookie.includes(r.token_hash))).toBe(false)
  })

  it('marks the cookie Secure when configured, or when a trusted proxy says the request came over https', async () => {
    const { buildApp } = await import('@kairos/server')
    const behindProxy = await buildApp(kairos.core, { serveWeb: false, trustProxy: true })
    const always = await buildApp(kairos.core, { serveWeb: false, access: { cookieSecure: 'always' } })
    const body = { email: TEST_ADMIN.email, password: TEST_ADMIN.password }
    const viaProxy = await injectJson(behindProxy, { method: 'POST', url: '/api/auth/login', body, headers: { 'x-forwarded-proto': 'https' } })
    expect(String(viaProxy.headers['set-cookie'])).toContain('; Secure')
    expect(String((await injectJson(always, { method: 'POST', url: '/api/auth/login', body })).headers['set-cookie'])).toContain('; Secure')
    await behindProxy.close()
    await always.close()
  })

  it('refuses a wrong password or an unknown email alike, and records the attempt', async () => {
    const wrong = await anonymous('POST', '/api/auth/login', { email: TEST_ADMIN.email, password: 'not the password' })
    const unknown = await anonymous('POST', '/api/auth/login', { email: 'nobody@kairos.test', password: 'not the password' })
    expect(wrong.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
    expect(wrong.body.error).toMatchObject({ code: 'KAIROS_UNAUTHORIZED', details: [{ field: 'body.password' }] })
    const failed = (await kairos.api('GET', '/api/audit?target=user&limit=50')).body.entries.filter((e: any) => e.action === 'auth.login_failed')
    expect(failed.map((e: any) => [e.actor.label, e.diff.reason])).toEqual(
      expect.arrayContaining([[TEST_ADMIN.email, 'wrong password'], ['nobody@kairos.test', 'unknown email']]),
    )
  })

  it('names the field of a malformed login', async () => {
    const reply = await anonymous('POST', '/api/auth/login', { email: 'no-at-sign', password: '' })
    expect(reply.status).toBe(400)
    expect(reply.body.error.details.map((d: any) => d.field).sort()).toEqual(['body.email', 'body.password'])
  })

  it('limits attempts per account and address: the 11th in five minutes is refused with 429', async () => {
    await userSession(kairos.app, kairos.authHeaders, { email: 'target@shop.example', role: 'viewer' })
    const statuses = []
    for (let i = 0; i < 11; i++) statuses.push((await anonymous('POST', '/api/auth/login', { email: 'target@shop.example', password: `guess number ${i}` })).status)
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true) // one attempt went to userSession's login
    const limited = await anonymous('POST', '/api/auth/login', { email: 'target@shop.example', password: 'a long enough password' })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('KAIROS_RATE_LIMITED')
    // Another account from the same address is not locked out by it.
    expect((await anonymous('POST', '/api/auth/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password })).status).toBe(200)
  })
})

describe('a session', () => {
  it('needs the CSRF token on writes, and none on reads; a key needs none', async () => {
    const admin = await logIn(kairos.app, TEST_ADMIN.email, TEST_ADMIN.password)
    const body = { name: 'CSRF probe', graph: { nodes: [{ id: 'entry', type: 'trigger.event', version: 1, config: { event: 'x' } }], edges: [] } }
    const withoutToken = await injectJson(kairos.app, { method: 'POST', url: '/api/flows', headers: { cookie: admin.cookie }, body })
    expect(withoutToken.status).toBe(403)
    expect(withoutToken.body.error.code).toBe('KAIROS_CSRF')
    const wrongToken = await injectJson(kairos.app, { method: 'POST', url: '/api/flows', headers: { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(32) }, body })
    expect(wrongToken.status).toBe(403)
    expect((await injectJson(kairos.app, { method: 'GET', url: '/api/flows', headers: { cookie: admin.cookie } })).status).toBe(200)
    expect((await admin.api('POST', '/api/flows', body)).status).toBe(201)
    expect((await kairos.api('POST', '/api/flows', body)).status).toBe(201)
  })

  it('ends on logout', async () => {
    const admin = await logIn(kairos.app, TEST_ADMIN.email, TEST_ADMIN.password)
    expect((await admin.api('POST', '/api/auth/logout')).status).toBe(204)
    expect((await admin.api('GET', '/api/flows')).status).toBe(401)
  })

  it('expires when unused for its idle lifetime (7 days), and slides while used', async () => {
    const admin = await logIn(kairos.app, TEST_ADMIN.email, TEST_ADMIN.password)
    vi.setSystemTime(new Date(Date.now() + 6 * 86_400_000))
    expect((await admin.api('GET', '/api/flows')).status).toBe(200)
    vi.setSystemTime(new Date(Date.now() + 6 * 86_400_000))
    expect((await admin.api('GET', '/api/flows')).status).toBe(200)
    vi.setSystemTime(new Date(Date.now() + 8 * 86_400_000))
    expect((await admin.api('GET', '/api/flows')).status).toBe(401)
  })

  it('ended sessions are pruned a day after they end; live ones stay', async () => {
    const live = await logIn(kairos.app, TEST_ADMIN.email, TEST_ADMIN.password)
    const ended = await logIn(kairos.app, TEST_ADMIN.email, TEST_ADMIN.password)
    await ended.api('POST', '/api/auth/logout')
    const loggedOutAt = Date.now()
    const revokedNow = async () =>
      Number((await kairos.core.database.pool.query('select count(*) from sessions where revoked_at >= $1', [new Date(loggedOutAt - 1000)])).rows[0].count)
    expect(await revokedNow()).toBe(1)
    vi.setSystemTime(new Date(loggedOutAt + 2 * 3_600_000))
    await kairos.core.sessions.prune()
    expect(await revokedNow()).toBe(1)
    expect((await live.api('GET', '/api/flows')).status).toBe(200)
    vi.setSystemTime(new Date(loggedOutAt + 27 * 3_600_000))
    expect(await kairos.core.sessions.prune()).toBeGreaterThanOrEqual(1)
    expect(await revokedNow()).toBe(0)
    expect((await live.api('GET', '/api/flows')).status).toBe(200)
  })

  it('changing the password needs the current one and ends the other sessions', async () => {
    const first = await userSession(kairos.app, kairos.authHeaders, { email: 'pat@shop.example', role: 'editor', password: 'first password ok' })
    const second = await logIn(kairos.app, 'pat@shop.example', 'first password ok')
    const wrong = await first.api('POST', '/api/auth/password', { currentPassword: 'not it at all', newPassword: 'second password ok' })
    expect(wrong.body.error.details).toEqual([{ field: 'body.currentPassword', message: 'does not match' }])
    const short = await first.api('POST', '/api/auth/password', { currentPassword: 'first password ok', newPassword: 'short' })
    expect(short.body.error.details[0].field).toBe('body.newPassword')
    expect((await first.api('POST', '/api/auth/password', { currentPassword: 'first password ok', newPassword: 'second password ok' })).status).toBe(204)
    expect((await first.api('GET', '/api/flows')).status).toBe(200)
    expect((await second.api('GET', '/api/flows')).status).toBe(401)
    await expect(logIn(kairos.app, 'pat@shop.example', 'first password ok')).rejects.toThrow(/401/)
    await logIn(kairos.app, 'pat@shop.example', 'second password ok')
  })
})

describe('users', () => {
  it('disabling a user ends their sessions and refuses their login; the last admin cannot be demoted or disabled', async () => {
    const sam = await userSession(kairos.app, kairos.authHeaders, { email: 'sam@shop.example', role: 'editor' })
    const { id } = (await sam.api('GET', '/api/auth/me')).body.user
    expect((await kairos.api('PATCH', `/api/users/${id}`, { disabled: true })).body.disabled).toBe(true)
    expect((await sam.api('GET', '/api/flows')).status).toBe(401)
    const login = await anonymous('POST', '/api/auth/login', { email: 'sam@shop.example', password: 'a long enough password' })
    expect(login.body.error.message).toMatch(/disabled/)

    const admins = (await kairos.api('GET', '/api/users')).body.users.filter((u: any) => u.role === 'admin')
    expect(admins).toHaveLength(1)
    const demote = await kairos.api('PATCH', `/api/users/${admins[0].id}`, { role: 'viewer' })
    expect(demote.status).toBe(409)
    expect(demote.body.error.details[0].field).toBe('body.role')
  })

  it('refuses a taken email (whatever its case), an unknown role and a short password, naming the field', async () => {
    const taken = await kairos.api('POST', '/api/users', { email: 'Admin@Kairos.test', name: 'Twin', role: 'viewer', password: 'a long enough password' })
    expect([taken.status, taken.body.error.details[0].field]).toEqual([409, 'body.email'])
    const role = await kairos.api('POST', '/api/users', { email: 'r@shop.example', name: 'R', role: 'owner', password: 'a long enough password' })
    expect(role.body.error.details[0].field).toBe('body.role')
    const short = await kairos.api('POST', '/api/users', { email: 's@shop.example', name: 'S', role: 'viewer', password: 'short' })
    expect(short.body.error.details[0].field).toBe('body.password')
  })

  it('a route registered without a permission stops the server from starting', async () => {
    const { buildApp } = await import('@kairos/server')
    const app = await buildApp(kairos.core, { serveWeb: false })
    expect(() => app.get('/api/forgotten', async () => ({}))).toThrow(/GET \/api\/forgotten declares no permission/)
    await app.close()
  })
})

describe('API keys', () => {
  it('are shown once, listed by prefix with scopes and last use, and stop at their expiry', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString()
    const created = await kairos.api('POST', '/api/api-keys', { name: 'Segment forwarder', scopes: ['events:write'], expiresAt })
    expect(created.status).toBe(201)
    expect(created.body.secret).toMatch(/^kai_[\w-]{43}$/)
    expect(created.body.key.prefix).toBe(created.body.secret.slice(0, 12))
    const bearer = { authorization: `Bearer ${created.body.secret}` }
    expect((await injectJson(kairos.app, { method: 'POST', url: '/api/events', headers: bearer, body: { contact: 'k1', name: 'page_viewed' } })).status).toBe(202)
    const listed = (await kairos.api('GET', '/api/api-keys')).body.keys.find((k: any) => k.id === created.body.key.id)
    expect(listed).toMatchObject({ name: 'Segment forwarder', scopes: ['events:write'], expiresAt, revokedAt: null })
    expect(listed.lastUsedAt).not.toBeNull()
    expect(JSON.stringify((await kairos.api('GET', '/api/api-keys')).body)).not.toContain(created.body.secret.slice(12))
    vi.setSystemTime(new Date(Date.now() + 2 * 86_400_000))
    expect((await injectJson(kairos.app, { method: 'POST', url: '/api/events', headers: bearer, body: { contact: 'k1', name: 'page_viewed' } })).status).toBe(401)
  })

  it('refuses an unknown scope or a past expiry, naming the field', async () => {
    expect((await kairos.api('POST', '/api/api-keys', { name: 'x', scopes: ['everything'] })).body.error.details[0].field).toBe('body.scopes[0]')
    expect((await kairos.api('POST', '/api/api-keys', { name: 'x', scopes: ['read'], expiresAt: '2001-01-01T00:00:00Z' })).body.error.details[0].field).toBe('body.expiresAt')
  })
})

describe('first run', () => {
  it('accepts only the first administrator while no user exists; KAIROS_ADMIN_* creates it once, never logging the password', async () => {
    const fresh = await startTestKairos({ worker: false, noAdmin: true })
    try {
      const anon = (method: 'GET' | 'POST', url: string, body?: unknown) => injectJson(fresh.app, { method, url, body })
      expect((await anon('GET', '/api/auth/status')).body).toEqual({ setupRequired: true })
      const refused = await anon('GET', '/api/contacts')
      expect(refused.status).toBe(401)
      expect(refused.body.error.message).toMatch(/no administrator yet/)

      const lines: string[] = []
      const config = readConfig({ KAIROS_ADMIN_EMAIL: 'ops@shop.example', KAIROS_ADMIN_PASSWORD: 'unattended install pw' })
      await bootstrapAdmin(fresh.core, config, { info: (m) => lines.push(m) })
      await bootstrapAdmin(fresh.core, config, { info: (m) => lines.push(m) })
      expect(lines).toEqual(['created the first administrator ops@shop.example from KAIROS_ADMIN_EMAIL'])
      expect((await anon('GET', '/api/auth/status')).body).toEqual({ setupRequired: false })
      expect((await anon('POST', '/api/auth/setup', { email: 'late@shop.example', name: 'Late', password: 'a long enough password' })).status).toBe(409)
      await logIn(fresh.app, 'ops@shop.example', 'unattended install pw')
    } finally {
      await fresh.stop()
    }
  })

  it('two first-run forms at once make one administrator', async () => {
    const fresh = await startTestKairos({ worker: false, noAdmin: true })
    try {
      const form = (email: string) => injectJson(fresh.app, { method: 'POST', url: '/api/auth/setup', body: { email, name: email, password: 'a long enough password' } })
      const statuses = (await Promise.all([form('a@shop.example'), form('b@shop.example'), form('c@shop.example')])).map((r) => r.status).sort()
      expect(statuses).toEqual([201, 409, 409])
    } finally {
      await fresh.stop()
    }
  })
})
