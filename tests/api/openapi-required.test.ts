import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// A request schema marks required only what a caller must send: what the
// server fills in when absent is optional in /docs, with its default shown.
describe('OpenAPI: fields the server fills in are optional', () => {
  let kairos: TestKairos
  let docs: any

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
    docs = (await kairos.api('GET', '/docs/json')).body
  })
  afterAll(() => kairos?.stop())

  const graphSchema = (method: 'post' | 'put', path: string) => docs.paths[path][method].requestBody.content['application/json'].schema.properties.graph

  it('lists flow settings reentry, exitOn and timezone as optional, with their defaults', () => {
    for (const [method, path] of [['post', '/api/flows'], ['put', '/api/flows/{id}']] as const) {
      const graph = graphSchema(method, path)
      const settings = graph.properties.settings
      expect(settings.required ?? []).not.toContain('reentry')
      expect(settings.required ?? []).not.toContain('exitOn')
      expect(settings.required ?? []).not.toContain('timezone')
      expect(settings.properties.reentry.default).toBe('once')
      expect(settings.properties.exitOn.default).toEqual([])
      expect(settings.properties.timezone.default).toBe('UTC')
      // The same holds for the graph's other defaults: edges, a node's config, an edge's port.
      expect(graph.required).toEqual(['nodes'])
      expect(graph.properties.nodes.items.required ?? []).not.toContain('config')
      expect(graph.properties.edges.items.required ?? []).not.toContain('sourcePort')
    }
  })

  it('creates a flow with settings {} and shows the filled defaults', async () => {
    const graph = {
      nodes: [{ id: 'entry', type: 'trigger.event', config: { event: 'signed_up' } }, { id: 'done', type: 'exit' }],
      edges: [{ source: 'entry', target: 'done' }],
      settings: {},
    }
    const created = await kairos.api('POST', '/api/flows', { name: 'Defaults', graph })
    expect(created.status).toBe(201)
    const { body } = await kairos.api('GET', `/api/flows/${created.body.id}`)
    expect(body.graph.settings).toEqual({ reentry: 'once', exitOn: [], timezone: 'UTC' })
    expect(body.graph.nodes[1].config).toEqual({})
    expect(body.graph.edges[0].sourcePort).toBe('next')
    expect((await kairos.api('POST', `/api/flows/${created.body.id}/publish`)).status).toBe(200)
  })

  it('creates a flow with no settings and no edges, and publishes it with the default settings', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'Bare', graph: { nodes: [{ id: 'entry', type: 'trigger.event', config: { event: 'x' } }] } })
    expect(created.status).toBe(201)
    expect((await kairos.api('GET', `/api/flows/${created.body.id}`)).body.graph.edges).toEqual([])
    expect((await kairos.api('POST', `/api/flows/${created.body.id}/publish`)).status).toBe(200)
    const { versions } = (await kairos.api('GET', `/api/flows/${created.body.id}/versions`)).body
    expect(versions[0].graph.settings).toEqual({ reentry: 'once', exitOn: [], timezone: 'UTC' })
  })

  it('lists the policy document\'s caps, quietHours, onCap and consent (and consent\'s fields) as optional, with their defaults', () => {
    const body = docs.paths['/api/policies'].put.requestBody.content['application/json'].schema
    expect(body.required ?? []).toEqual([])
    expect(body.properties.caps.default).toEqual([])
    expect(body.properties.quietHours.default).toBe(null)
    expect(body.properties.onCap.default).toBe('suppress')
    expect(body.properties.cooling.default).toEqual([])
    expect(body.properties.holidays.default).toBe(null)
    expect(body.properties.controlGroup.default).toBe(null)
    expect(body.properties.consent.required ?? []).toEqual([])
    expect(body.properties.consent.properties.attribute.default).toBe('consent')
    expect(body.properties.consent.properties.channels.default).toEqual(['sms', 'email', 'call'])
    expect(body.properties.consent.properties.stopEvents.default).toEqual([])
    // The reply always has them all, so a generated client types them as present.
    const reply = docs.paths['/api/policies'].get.responses['200'].content['application/json'].schema
    expect(reply.required.sort()).toEqual(['caps', 'consent', 'controlGroup', 'cooling', 'holidays', 'onCap', 'quietHours', 'updatedAt'])
    expect(reply.properties.consent.required.sort()).toEqual(['attribute', 'channels', 'stopEvents'])
  })

  it('replaces the policies from {} and from a partial consent, filling the defaults', async () => {
    const empty = await kairos.api('PUT', '/api/policies', {})
    expect(empty.status).toBe(200)
    expect(empty.body).toEqual({
      caps: [], quietHours: null, onCap: 'suppress', consent: { attribute: 'consent', channels: ['sms', 'email', 'call'], stopEvents: [] }, cooling: [], holidays: null, controlGroup: null, updatedAt: expect.any(String),
    })
    const partial = await kairos.api('PUT', '/api/policies', { onCap: 'wait', consent: { channels: ['sms'] } })
    expect(partial.status).toBe(200)
    expect(partial.body.consent).toEqual({ attribute: 'consent', channels: ['sms'], stopEvents: [] })
    expect((await kairos.api('GET', '/api/policies')).body).toMatchObject({ onCap: 'wait', caps: [], consent: { channels: ['sms'] } })
  })
})
