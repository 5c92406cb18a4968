import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '@kairos/server'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { injectJson, TEST_ADMIN } from '../support/test-auth.ts'

// A channel's token, a person's password and an API key travel through Kairos: they must come
// out only where they are meant to (the provider gets its token; a new key is shown once), and
// nowhere else: not in any API answer, any log line at the most verbose level, nor the audit trail.
describe('secrets', () => {
  const provider = fakeHttpProvider()
  const TOKEN = 'sk-live-EXPOSURE-probe-9d1c'
  const PASSWORD = 'editor password EXPOSURE probe'
  let kairos: TestKairos
  let app: FastifyInstance
  const lines: string[] = []
  const answers: string[] = []

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown, headers = kairos.authHeaders) => {
    const reply = await injectJson(app, { method, url, headers, body })
    answers.push(JSON.stringify(reply.headers) + JSON.stringify(reply.body))
    return reply
  }

  beforeAll(async () => {
    const url = await provider.listen()
    kairos = await startTestKairos()
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) })
    app = await buildApp(kairos.core, { serveWeb: false, healthDbProbeMs: 0, logger: { level: 'trace', stream } })
    await app.ready()
    expect((await call('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: `${url}/sms`, token: TOKEN } })).status).toBe(200)
  })
  afterAll(async () => {
    await app?.close()
    await kairos?.stop()
    await provider.close()
  })

  it('reach the provider, and appear in no answer, log line or audit row', async () => {
    await call('GET', '/api/channels')
    await call('GET', '/api/channels/sms-main')
    // A failing save and a masked re-save of the same channel.
    await call('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: 'ftp://nowhere', token: TOKEN } })
    await call('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: (await call('GET', '/api/channels/sms-main')).body.config.url, token: '••••••••' } })

    const flow = await call('POST', '/api/flows', {
      name: 'OTP',
      graph: {
        nodes: [
          { id: 'in', type: 'trigger.event', config: { event: 'otp_requested' } },
          { id: 'sms', type: 'send.sms', config: { text: 'Code {{ event.properties.code }}', channel: 'sms-main' } },
        ],
        edges: [{ source: 'in', target: 'sms' }],
      },
    })
    await call('POST', `/api/flows/${flow.body.id}/publish`)
    await call('PUT', '/api/contacts/tao', { attributes: { phone: '+8613900000011' } })
    await call('POST', '/api/events', { contact: 'tao', name: 'otp_requested', properties: { code: '4711' } })
    await kairos.drain()
    expect(JSON.stringify(provider.received[0]?.headers)).toContain(TOKEN)
    await call('GET', '/api/deliveries?contact=tao')

    // A person: created with a password, logging in with it, failing with it.
    await call('POST', '/api/users', { email: 'ed@shop.example', name: 'Ed', role: 'editor', password: PASSWORD })
    await call('POST', '/api/auth/login', { email: 'ed@shop.example', password: PASSWORD }, {})
    await call('POST', '/api/auth/login', { email: 'ed@shop.example', password: `${PASSWORD}!` }, {})
    await call('POST', '/api/auth/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password }, {})
    const created = await injectJson(app, { method: 'POST', url: '/api/api-keys', headers: kairos.authHeaders, body: { name: 'probe', scopes: ['read'] } })
    const keySecret = created.body.secret as string
    await call('GET', '/api/flows', undefined, { authorization: `Bearer ${keySecret}` })
    await call('GET', '/api/api-keys')
    await call('GET', '/api/audit?limit=1000')

    const { rows: audit } = await kairos.core.database.pool.query('select * from audit_log')
    const { rows: channels } = await kairos.core.database.pool.query('select * from channels')
    const adminKey = kairos.authHeaders.authorization.slice('Bearer '.length)
    for (const secret of [TOKEN, PASSWORD, keySecret, adminKey, TEST_ADMIN.password]) {
      expect(answers.filter((a) => a.includes(secret))).toEqual([])
      expect(lines.filter((l) => l.includes(secret))).toEqual([])
      expect(JSON.stringify(audit)).not.toContain(secret)
    }
    expect(JSON.stringify(channels)).not.toContain(TOKEN)
    expect(lines.length).toBeGreaterThan(15)
    // The cookie a login sets is a credential too: in the answer that sets it, never in the log.
    const cookie = answers.map((a) => /kairos_session=([\w-]+)/.exec(a)?.[1]).find(Boolean)!
    expect(lines.filter((l) => l.includes(cookie))).toEqual([])
  })
})
