import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// One delivery, and one published version of a flow, read alone: the same view their lists
// show, 404 for a missing one, 400 naming the parameter for one that cannot be an id.
let kairos: TestKairos
let flowId: string

beforeAll(async () => {
  kairos = await startTestKairos()
  const sms = (text: string) => ({
    nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'hello' } }, { id: 'sms', type: 'send.sms', config: { text } }],
    edges: [{ source: 'in', target: 'sms' }],
    settings: { reentry: 'always' },
  })
  flowId = await publishFlow(kairos, 'Hello', sms('Hi {{ contact.externalId }}'))
  // A second version, so that reading one is not reading the only one.
  await kairos.api('PUT', `/api/flows/${flowId}`, { graph: sms('Hello again, {{ contact.externalId }}') })
  expect((await kairos.api('POST', `/api/flows/${flowId}/publish`)).status).toBe(200)
  await kairos.api('PUT', '/api/contacts/ana', { attributes: { phone: '+8613800000031' } })
  await kairos.api('POST', '/api/events', { contact: 'ana', name: 'hello' })
  await kairos.drain()
})
afterAll(() => kairos?.stop())

describe('GET /api/deliveries/:id', () => {
  it('reads a delivery as the outbox lists it, 404 for a missing one, 400 for a malformed id', async () => {
    const [listed] = (await kairos.api('GET', '/api/deliveries?contact=ana')).body.deliveries
    expect(listed).toMatchObject({ contact: 'ana', body: 'Hello again, ana' })
    const one = await kairos.api('GET', `/api/deliveries/${listed.id}`)
    expect(one.status).toBe(200)
    expect(one.body).toEqual(listed)
    const missing = await kairos.api('GET', '/api/deliveries/00000000-0000-4000-8000-000000000000')
    expect([missing.status, missing.body.error.code]).toEqual([404, 'KAIROS_NOT_FOUND'])
    const malformed = await kairos.api('GET', '/api/deliveries/not-a-uuid')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.details.map((d: { field: string }) => d.field)).toContain('params.id')
  })
})

describe('GET /api/flows/:id/versions/:version', () => {
  it('reads one published version as the list shows it, 404 for one never published, 400 for a version that is no number', async () => {
    const listed = (await kairos.api('GET', `/api/flows/${flowId}/versions`)).body.versions
    expect(listed.map((v: { version: number }) => v.version)).toEqual([2, 1])
    for (const version of [1, 2]) {
      const one = await kairos.api('GET', `/api/flows/${flowId}/versions/${version}`)
      expect(one.status).toBe(200)
      expect(one.body).toEqual(listed.find((v: { version: number }) => v.version === version))
    }
    const missing = await kairos.api('GET', `/api/flows/${flowId}/versions/3`)
    expect([missing.status, missing.body.error.code]).toEqual([404, 'KAIROS_NOT_FOUND'])
    const malformed = await kairos.api('GET', `/api/flows/${flowId}/versions/latest`)
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.details.map((d: { field: string }) => d.field)).toContain('params.version')
  })
})
