import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '@kairos/server'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// The log a self-hoster reads: one JSON line per request, every 500 with its request id and
// stack, and no credential in it however it arrived.
describe('the HTTP log', () => {
  let kairos: TestKairos
  let app: FastifyInstance
  const lines: string[] = []
  const logged = () => lines.map((line) => JSON.parse(line))

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) })
    app = await buildApp(kairos.core, { serveWeb: false, healthDbProbeMs: 0, logger: { level: 'info', stream } })
    // A provider error of the kind that carries its request: headers, a password, a URL with credentials.
    app.get('/test/boom', { config: { permission: 'public' } }, async () => {
      throw Object.assign(new Error('provider refused the message'), {
        request: { headers: { authorization: 'Bearer provider-bearer-secret', 'x-api-key': 'provider-api-key-secret' } },
        password: 'error-field-password',
        target: 'postgres://kairos:url-password-secret@db.internal/kairos',
      })
    })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await kairos?.stop()
  })

  it('logs a 500 with its request id and stack, and names the id in the answer', async () => {
    lines.length = 0
    const response = await app.inject({ method: 'GET', url: '/test/boom' })
    expect(response.statusCode).toBe(500)
    const id = response.headers['x-request-id'] as string
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.json().error).toEqual({ code: 'KAIROS_INTERNAL', message: `internal error (request id ${id}); see the server log`, details: [] })
    const failure = logged().find((line) => line.msg === 'request failed')
    expect(failure).toMatchObject({ level: 50, reqId: id, req: { method: 'GET', url: '/test/boom' }, err: { type: 'Error', message: 'provider refused the message' } })
    expect(failure.err.stack).toContain('http-logging.test.ts')
    expect(logged().filter((line) => line.msg === 'request completed')).toEqual([
      expect.objectContaining({ reqId: id, res: { statusCode: 500 }, responseTime: expect.any(Number) }),
    ])
  })

  it('keeps the request id a proxy passed on, and replaces one that is not an id', async () => {
    const passed = await app.inject({ method: 'GET', url: '/api/nowhere', headers: { 'x-request-id': 'edge-7f3a.1' } })
    expect(passed.headers['x-request-id']).toBe('edge-7f3a.1')
    const odd = await app.inject({ method: 'GET', url: '/api/nowhere', headers: { 'x-request-id': 'two words' } })
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('never writes an Authorization header, a cookie, a password or a token, wherever it came from', async () => {
    lines.length = 0
    const secrets = {
      authorization: 'Bearer header-bearer-secret',
      cookie: 'kairos_session=cookie-session-secret',
    }
    await app.inject({ method: 'GET', url: '/test/boom?token=query-token-secret&page=2', headers: secrets })
    await app.inject({ method: 'POST', url: '/api/auth/login', headers: secrets, payload: { email: 'ann@example.com', password: 'login-password-secret' } })
    await app.inject({ method: 'GET', url: '/api/contacts/x?apiKey=query-api-key-secret', headers: secrets })
    const text = lines.join('\n')
    expect(lines.length).toBeGreaterThanOrEqual(4)
    for (const secret of ['header-bearer-secret', 'cookie-session-secret', 'query-token-secret', 'login-password-secret', 'query-api-key-secret',
      'provider-bearer-secret', 'provider-api-key-secret', 'error-field-password', 'url-password-secret'])
      expect(text).not.toContain(secret)
    const failure = logged().find((line) => line.msg === 'request failed')
    expect(failure.req.url).toBe('/test/boom?token=[Redacted]&page=2')
    expect(failure.err).toMatchObject({ password: '[Redacted]', request: { headers: { authorization: '[Redacted]' } }, target: 'postgres://kairos:[Redacted]@db.internal/kairos' })
  })

  it('writes one line per request, and successful health probes only at debug', async () => {
    lines.length = 0
    await app.inject({ method: 'GET', url: '/health' })
    await app.inject({ method: 'GET', url: '/api/nowhere' })
    expect(logged()).toEqual([expect.objectContaining({ msg: 'request completed', req: expect.objectContaining({ url: '/api/nowhere' }), res: { statusCode: 404 } })])
  })
})
