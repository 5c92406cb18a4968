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
})
