import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

describe('OpenAPI reference and health', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
  })
  afterAll(() => kairos?.stop())

  it('serves the OpenAPI document with every route and its body schema', async () => {
    const { status, body } = await kairos.api('GET', '/docs/json')
    expect(status).toBe(200)
    expect(body.openapi).toMatch(/^3\./)
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining([
      '/api/node-types', '/api/flows', '/api/flows/{id}', '/api/flows/{id}/publish', '/api/flows/{id}/pause',
      '/api/flows/{id}/resume', '/api/flows/{id}/versions', '/api/contacts/{externalId}', '/api/events', '/api/runs',
      '/api/runs/{id}', '/api/deliveries', '/health', '/ready',
    ]))
    expect(body.paths['/api/events'].post.requestBody.content['application/json'].schema.properties.events.maxItems).toBe(1000)
  })

  it('is ready when the database is migrated and reachable', async () => {
    expect(await kairos.api('GET', '/ready')).toEqual({ status: 200, body: { status: 'ready', pluginSet: expect.stringMatching(/^[0-9a-f]{16}$/) } })
  })

  it('answers unknown routes with a coded 404', async () => {
    expect((await kairos.api('GET', '/api/nothing')).body.error.code).toBe('KAIROS_NOT_FOUND')
  })
})
