import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp, readConfig } from '@kairos/server'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// What a browser is told about Kairos' pages and API: a CSP the editor lives within, no framing,
// no sniffing, and CORS only for origins an operator listed.
describe('security headers and CORS', () => {
  let kairos: TestKairos
  let plain: FastifyInstance
  let withCors: FastifyInstance
  const crm = 'https://crm.example.com'

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
    plain = await buildApp(kairos.core, { serveWeb: true, healthDbProbeMs: 0 })
    withCors = await buildApp(kairos.core, { serveWeb: false, healthDbProbeMs: 0, corsOrigins: [crm] })
  })
  afterAll(async () => {
    await plain?.close()
    await withCors?.close()
    await kairos?.stop()
  })

  const expectSecurityHeaders = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy'])
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
      "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"])
      expect(csp).toContain(directive)
    expect(csp).not.toContain("'unsafe-eval'")
    expect(headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    })
  }

  it('sends them with the editor, the API, errors and /docs', async () => {
    const page = await plain.inject({ method: 'GET', url: '/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expectSecurityHeaders(page.headers)
    expectSecurityHeaders((await plain.inject({ method: 'GET', url: '/health' })).headers)
    expectSecurityHeaders((await plain.inject({ method: 'GET', url: '/api/nowhere' })).headers)
    // Refused before routing, where no hook runs.
    const undecodable = await plain.inject({ method: 'GET', url: '/api/contacts/%ED%A0%80' })
    expect(undecodable.statusCode).toBe(400)
    expectSecurityHeaders(undecodable.headers)
    expect(undecodable.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const docs = await plain.inject({ method: 'GET', url: '/docs/', headers: kairos.authHeaders })
    expect(docs.statusCode).toBe(200)
    expectSecurityHeaders(docs.headers)
    // Swagger UI's page loads only files (allowed by script-src 'self'), no inline script.
    expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/)
  })

  it('sends no CORS header at all unless origins are configured', async () => {
    const simple = await plain.inject({ method: 'GET', url: '/health', headers: { origin: crm } })
    const preflight = await plain.inject({ method: 'OPTIONS', url: '/api/contacts', headers: { origin: crm, 'access-control-request-method': 'PUT' } })
    for (const response of [simple, preflight])
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([])
  })

  it('lets a listed origin call with credentials, and answers its preflight before any permission check', async () => {
    const simple = await withCors.inject({ method: 'GET', url: '/health', headers: { origin: crm } })
    expect(simple.headers).toMatchObject({ 'access-control-allow-origin': crm, 'access-control-allow-credentials': 'true', vary: 'Origin' })
    const preflight = await withCors.inject({
      method: 'OPTIONS',
      url: '/api/contacts/ann',
      headers: { origin: crm, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type, x-csrf-token' },
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': crm,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': expect.stringContaining('PUT'),
      'access-control-allow-headers': 'content-type, x-csrf-token',
    })
  })

  it('tells an origin that is not listed nothing', async () => {
    for (const origin of ['https://evil.example', 'https://crm.example.com.evil.example', 'null']) {
      const simple = await withCors.inject({ method: 'GET', url: '/health', headers: { origin } })
      const preflight = await withCors.inject({ method: 'OPTIONS', url: '/api/contacts', headers: { origin, 'access-control-request-method': 'DELETE' } })
      for (const response of [simple, preflight]) expect(response.headers['access-control-allow-origin']).toBeUndefined()
      expect(preflight.statusCode).not.toBe(204)
    }
  })

  it('reads KAIROS_CORS_ORIGINS and KAIROS_LOG_LEVEL, refusing what is not an origin or a level', () => {
    expect(readConfig({}).corsOrigins).toEqual([])
    expect(readConfig({}).logLevel).toBe('info')
    expect(readConfig({ KAIROS_CORS_ORIGINS: 'https://a.example.com, http://localhost:5173/' }).corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173'])
    expect(readConfig({ KAIROS_LOG_LEVEL: 'debug' }).logLevel).toBe('debug')
    for (const bad of ['*', 'a.example.com', 'https://a.example.com/path', 'ftp://a.example.com'])
      expect(() => readConfig({ KAIROS_CORS_ORIGINS: bad })).toThrow(/KAIROS_CORS_ORIGINS/)
    expect(() => readConfig({ KAIROS_LOG_LEVEL: 'loud' })).toThrow(/KAIROS_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/)
  })
})
