import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFlowFixture, publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { userSession } from '../support/test-auth.ts'

// What the editor needs around a flow: the list with run counts, duplicate,
// archive, version history with who published, template preview, contact search.
describe('flow management for the editor', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos()
    flowId = await publishFlow(kairos, 'Cart abandonment', await loadFlowFixture('cart-abandonment'))
    await kairos.api('PUT', '/api/contacts/ada', { attributes: { name: 'Ada Lovelace', phone: '+8613800000001' } })
    await kairos.api('PUT', '/api/contacts/adam', { attributes: { name: 'Adam' } })
    await kairos.api('PUT', '/api/contacts/bea', { attributes: { name: 'Bea Ada' } })
  })
  afterAll(() => kairos?.stop())

  it('lists flows without graphs, with how many runs are active, waiting and done', async () => {
    await kairos.api('POST', '/api/events', { events: [{ contact: 'ada', name: 'cart_added' }, { contact: 'bea', name: 'cart_added' }] })
    await kairos.drain()
    const { body } = await kairos.api('GET', '/api/flows')
    const flow = body.flows.find((f: any) => f.id === flowId)
    expect(flow).toMatchObject({ name: 'Cart abandonment', status: 'active', publishedVersion: 1 })
    expect(flow.graph).toBeUndefined()
    expect(flow.stats).toEqual({ active: 2, waiting: 2, completed: 0, failed: 0, exited: 0, converted: 0 })
  })

  it('records who published each version: the logged-in user, or the key', async () => {
    const mei = await userSession(kairos.app, kairos.authHeaders, { email: 'mei@shop.example', name: 'Mei', role: 'editor' })
    const v2 = await mei.api('POST', `/api/flows/${flowId}/publish`)
    expect(v2.body.version).toBe(2)
    const { versions } = (await kairos.api('GET', `/api/flows/${flowId}/versions`)).body
    expect(versions.map((v: any) => [v.version, v.publishedBy])).toEqual([
      [2, 'Mei <mei@shop.example>'],
      [1, expect.stringMatching(/^key tests \(kai_\S+…\)$/)],
    ])
    // Nobody names the publisher: a body that tries is refused, naming the field.
    expect((await mei.api('POST', `/api/flows/${flowId}/publish`, { by: 'someone else' })).body.error.details[0].field).toBe('body.by')
  })

  it('duplicates a flow as a new draft with the same graph', async () => {
    const copy = await kairos.api('POST', `/api/flows/${flowId}/duplicate`)
    expect(copy.status).toBe(201)
    expect(copy.body).toMatchObject({ name: 'Cart abandonment (copy)', status: 'draft', publishedVersion: null })
    expect(copy.body.graph).toEqual((await kairos.api('GET', `/api/flows/${flowId}`)).body.graph)
  })

  it('archives a flow: no new entries, no more publishing or resuming', async () => {
    const archived = await kairos.api('POST', `/api/flows/${flowId}/archive`)
    expect(archived.body.status).toBe('archived')
    expect((await kairos.api('POST', '/api/events', { contact: 'cy', name: 'cart_added' })).body.runsStarted).toBe(0)
    expect((await kairos.api('POST', `/api/flows/${flowId}/resume`)).body.error.code).toBe('KAIROS_CONFLICT')
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`)).body.error.code).toBe('KAIROS_CONFLICT')
  })

  it('previews a template against a contact and an event, or explains the error with its line', async () => {
    const ok = await kairos.api('POST', '/api/templates/preview', {
      template: 'Hi {{ contact.name | default: "there" }}, your {{ event.properties.sku }} awaits',
      contact: 'ada',
      event: { name: 'cart_added', properties: { sku: 'TEA-01' } },
    })
    expect(ok.body).toEqual({ text: 'Hi Ada Lovelace, your TEA-01 awaits', missing: [] })
    expect((await kairos.api('POST', '/api/templates/preview', { template: 'Hi {{ contact.name | default: "there" }}' })).body.text).toBe('Hi there')
    const bad = await kairos.api('POST', '/api/templates/preview', { template: 'line one\nHi {{ contact.name | nosuchfilter }}' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details[0]).toMatchObject({ field: 'body.template', message: expect.stringContaining('line:2') })
    expect((await kairos.api('POST', '/api/templates/preview', { template: 'x', contact: 'nobody' })).status).toBe(404)
  })

  it('finds contacts by external id prefix or by name', async () => {
    const byId = (await kairos.api('GET', '/api/contacts?q=ada')).body.contacts.map((c: any) => c.externalId)
    expect(byId.sort()).toEqual(['ada', 'adam', 'bea'])
    expect((await kairos.api('GET', '/api/contacts?q=bea')).body.contacts.map((c: any) => c.externalId)).toEqual(['bea'])
    expect((await kairos.api('GET', '/api/contacts?q=%25')).body.contacts).toEqual([])
    expect((await kairos.api('GET', '/api/contacts?limit=2')).body.contacts).toHaveLength(2)
  })
})
