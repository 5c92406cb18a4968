import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userSession, type SessionClient } from '../support/test-auth.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// What the simulator accepts and refuses: every bad input is a 400 naming its field, the
// permission is the one editing a flow needs, a version or the draft is simulated as asked,
// and contacts come from a list or a random sample of a segment.
const signup = (tag: string) => ({
  nodes: [{ id: 'signup', type: 'trigger.event', config: { event: 'signed_up' } }, { id: 'mark', type: 'tag', label: 'Mark', config: { add: [tag] } }],
  edges: [{ source: 'signup', target: 'mark' }],
})

describe('POST /api/flows/:id/simulate: input, access and sources', () => {
  let kairos: TestKairos
  let editor: SessionClient
  let viewer: SessionClient
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: '2027-03-01T12:00:00Z' })
    editor = await userSession(kairos.app, kairos.authHeaders, { email: 'editor@kairos.test', role: 'editor' })
    viewer = await userSession(kairos.app, kairos.authHeaders, { email: 'viewer@kairos.test', role: 'viewer' })
    for (const [id, tier] of [['ana', 'gold'], ['bo', 'gold'], ['cy', 'gold'], ['di', 'basic'], ['ed', 'basic']])
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { tier } })
    flowId = (await editor.api('POST', '/api/flows', { name: 'Welcome', graph: signup('welcomed') })).body.id
    expect((await editor.api('POST', `/api/flows/${flowId}/publish`)).status).toBe(200)
    // The draft moves on after the publish: version 1 tags "welcomed", the draft "greeted".
    await editor.api('PUT', `/api/flows/${flowId}`, { graph: signup('greeted') })
  })
  afterAll(() => kairos?.stop())

  const simulate = (body: unknown, as: SessionClient = editor, id = flowId) => as.api('POST', `/api/flows/${id}/simulate`, body)
  const fields = (reply: { body: any }) => reply.body.error.details.map((d: { field: string }) => d.field)
  const everyone = [{ at: '+1m', contact: '*', name: 'signed_up' }]

  it('refuses every bad input with a 400 naming the field', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ contacts: ['ana'] }, ['body.horizon']],
      [{ contacts: ['ana'], horizon: 'soon' }, ['body.horizon']],
      [{ contacts: ['ana'], horizon: '91d' }, ['body.horizon']],
      [{ contacts: Array.from({ length: 1001 }, (_, i) => `c${i}`), horizon: '1d' }, ['body.contacts']],
      [{ contacts: ['ana', 'ana'], horizon: '1d' }, ['body.contacts[1]']],
      [{ contacts: { segment: 'x', sample: 1001 }, horizon: '1d' }, ['body.contacts.sample']],
      [{ contacts: ['ana'], horizon: '1d', events: Array.from({ length: 10_001 }, () => everyone[0]) }, ['body.events']],
      [{ contacts: ['ana'], horizon: '1d', events: [{ at: '+2d', contact: 'ana', name: 'signed_up' }] }, ['body.events[0].at']],
      [{ contacts: ['ana'], horizon: '1d', events: [{ at: 'tomorrow', contact: 'ana', name: 'signed_up' }] }, ['body.events[0].at']],
      [{ contacts: ['ana'], horizon: '1d', events: [{ at: '2027-03-01T11:00:00Z', contact: 'ana', name: 'signed_up' }] }, ['body.events[0].at']],
      [{ contacts: ['ana'], horizon: '1d', version: 1, draft: true }, ['body.draft']],
      [{ contacts: ['ana'], horizon: '1d', colour: 'red' }, ['body.colour']],
      [{ contacts: ['ana'], horizon: '1d', now: 'yesterday' }, ['body.now']],
    ]
    for (const [body, expected] of cases) {
      const reply = await simulate(body)
      expect(reply.status, JSON.stringify(body).slice(0, 120)).toBe(400)
      expect(reply.body.error.code).toBe('KAIROS_VALIDATION')
      for (const field of expected) expect(fields(reply)).toContain(field)
    }
  })

  it('refuses what only the database can tell: a version, a segment or an event contact that does not exist', async () => {
    const version = await simulate({ contacts: ['ana'], horizon: '1d', version: 7 })
    expect([version.status, fields(version)]).toEqual([400, ['body.version']])
    const segment = await simulate({ contacts: { segment: 'no-such-segment', sample: 3 }, horizon: '1d' })
    expect([segment.status, fields(segment)]).toEqual([400, ['body.contacts.segment']])
    const stranger = await simulate({ contacts: ['ana'], horizon: '1d', events: [{ at: '+1h', contact: 'zed', name: 'signed_up' }] })
    expect([stranger.status, fields(stranger)]).toEqual([400, ['body.events[0].contact']])
    expect((await simulate({ contacts: ['ana'], horizon: '1d' }, editor, '00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('refuses a draft that could not be published, with every problem by node and field', async () => {
    const broken = (await editor.api('POST', '/api/flows', { name: 'Broken', graph: { nodes: [{ id: 'signup', type: 'trigger.event', config: {} }], edges: [] } })).body.id
    const reply = await simulate({ contacts: ['ana'], horizon: '1d' }, editor, broken)
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('KAIROS_FLOW_INVALID')
    expect(reply.body.error.details).toEqual([expect.objectContaining({ node: 'signup', field: 'config.event' })])
  })

  it('needs what editing a flow needs: a viewer may not simulate, an editor may', async () => {
    const denied = await simulate({ contacts: ['ana'], horizon: '1d' }, viewer)
    expect([denied.status, denied.body.error.code]).toEqual([403, 'KAIROS_FORBIDDEN'])
    expect((await simulate({ contacts: ['ana'], horizon: '1d' })).status).toBe(200)
  })

  it('simulates the draft by default and a published version when asked', async () => {
    const tagged = async (body: object) => {
      const reply = await simulate({ contacts: ['ana'], horizon: '1h', events: everyone, ...body })
      expect(reply.status).toBe(200)
      return [reply.body.flow, reply.body.contacts[0].runs[0].steps.find((s: any) => s.node === 'mark').type, reply.body.contacts[0].runs[0].version]
    }
    expect(await tagged({})).toEqual([{ id: flowId, version: null, draft: true }, 'tag', 2])
    expect(await tagged({ draft: true })).toEqual([{ id: flowId, version: null, draft: true }, 'tag', 2])
    expect(await tagged({ version: 1 })).toEqual([{ id: flowId, version: 1, draft: false }, 'tag', 1])
  })

  it('takes a random sample of a segment, and runs the events of "*" for each sampled contact', async () => {
    const segment = (await kairos.api('POST', '/api/segments', { name: 'Gold', condition: { attribute: 'tier', op: 'eq', value: 'gold' } })).body.id
    // An event for a contact the sample may not draw is skipped with a warning, not refused.
    const reply = await simulate({ contacts: { segment, sample: 2 }, horizon: '1h', events: [...everyone, { at: '+2m', contact: 'di', name: 'signed_up' }] })
    expect(reply.status).toBe(200)
    const names = reply.body.contacts.map((c: any) => c.contact)
    expect(names).toHaveLength(2)
    for (const name of names) expect(['ana', 'bo', 'cy']).toContain(name)
    expect(reply.body.totals).toMatchObject({ contacts: 2, entered: 2, runs: { completed: 2 } })
    expect(reply.body.warnings).toEqual([expect.objectContaining({ code: 'event_skipped', contact: 'di' })])
  })

  it('keeps out who already went through the real journey, as reentry "once" does', async () => {
    await kairos.api('POST', '/api/events', { contact: 'di', name: 'signed_up' })
    await kairos.drain()
    const reply = await simulate({ contacts: ['di', 'ed'], horizon: '1h', events: everyone })
    expect(reply.body.contacts.map((c: any) => [c.contact, c.runs.length])).toEqual([['di', 0], ['ed', 1]])
    expect(reply.body.warnings).toEqual([expect.objectContaining({ code: 'never_entered', contact: 'di' })])
  })

  it('simulates inline contacts that are never stored', async () => {
    const reply = await simulate({ contacts: [{ attributes: { tier: 'gold' } }, { externalId: 'zoe', tags: ['new'] }], horizon: '1h', events: [{ at: '+5m', contact: 'zoe', name: 'signed_up' }] })
    expect(reply.status).toBe(200)
    expect(reply.body.contacts.map((c: any) => [c.contact, c.source, c.runs.length])).toEqual([['inline-1', 'inline', 0], ['zoe', 'inline', 1]])
    expect((await kairos.api('GET', '/api/contacts/zoe')).status).toBe(404)
  })
})
