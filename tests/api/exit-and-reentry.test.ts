import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFlowFixture, publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// The welcome journey: an exit event mid-wait ends the run; reentry "once";
// repeated event ids; the trigger's `where` filter.
describe('welcome journey: exitOn, reentry and idempotent events', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos()
    flowId = await publishFlow(kairos, 'Welcome', await loadFlowFixture('welcome-exit'))
  })
  afterAll(() => kairos?.stop())

  const runsOf = async (contact: string) => (await kairos.api('GET', `/api/runs?flow=${flowId}&contact=${contact}`)).body.runs
  const signup = (contact: string, id?: string) =>
    kairos.api('POST', '/api/events', { contact, name: 'form_submitted', properties: { form: 'newsletter' }, ...(id ? { id } : {}) })

  it('ends a run waiting mid-journey when an exitOn event arrives, with the exit on its trace', async () => {
    await kairos.api('PUT', '/api/contacts/eve', { attributes: { name: 'Eve', phone: '+4915100000001' } })
    await signup('eve')
    await kairos.drain()
    await kairos.advance('1d')
    const exit = await kairos.api('POST', '/api/events', { contact: 'eve', name: 'profile_completed' })
    expect(exit.body).toMatchObject({ runsExited: 1 })
    await kairos.advance('2d')
    const [run] = await runsOf('eve')
    expect(run).toMatchObject({ status: 'exited', exitReason: 'exitOn: profile_completed', nodeId: 'wait2d' })
    const trace = (await kairos.api('GET', `/api/runs/${run.id}`)).body.steps
    expect(trace.map((s: any) => `${s.node}:${s.outcome}`)).toEqual(['signup:port', 'welcome:port', 'wait2d:exit'])
    const sms = (await kairos.api('GET', '/api/deliveries?contact=eve')).body.deliveries
    expect(sms.map((d: any) => d.node)).toEqual(['welcome'])
  })

  it('enters a contact only once with reentry "once", however often the trigger fires', async () => {
    await signup('finn')
    await signup('finn')
    await kairos.drain()
    await kairos.advance('3d')
    await signup('finn')
    await kairos.drain()
    const runs = await runsOf('finn')
    expect(runs).toHaveLength(1)
    expect(runs[0].status).toBe('completed')
  })

  it('accepts a repeated event id and ignores it', async () => {
    const first = await kairos.api('POST', '/api/events', { events: [
      { contact: 'gus', name: 'page_viewed', id: 'evt-1' },
      { contact: 'gus', name: 'page_viewed', id: 'evt-1' },
    ] })
    expect(first.status).toBe(202)
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 1 })
    const again = await kairos.api('POST', '/api/events', { contact: 'gus', name: 'page_viewed', id: 'evt-1' })
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 })
    const { rows } = await kairos.core.database.pool.query(`select count(*)::int as n from events where idempotency_id = 'evt-1'`)
    expect(rows[0].n).toBe(1)
  })

  it('starts no run for an event that fails the trigger filter, and creates unknown contacts', async () => {
    const posted = await kairos.api('POST', '/api/events', { contact: 'hal', name: 'form_submitted', properties: { form: 'contact-us' } })
    expect(posted.body).toMatchObject({ accepted: 1, runsStarted: 0 })
    expect((await kairos.api('GET', '/api/contacts/hal')).status).toBe(200)
  })

  it('starts no run while the flow is paused, and again after it resumes', async () => {
    expect((await kairos.api('POST', `/api/flows/${flowId}/pause`)).body.status).toBe('paused')
    expect((await signup('ivy')).body.runsStarted).toBe(0)
    expect((await kairos.api('POST', `/api/flows/${flowId}/resume`)).body.status).toBe('active')
    expect((await signup('ivy')).body.runsStarted).toBe(1)
  })
})

describe('server restart', () => {
  it('loses no waiting run across a restart in the middle of a wait', async () => {
    const kairos = await startTestKairos()
    try {
      const flowId = await publishFlow(kairos, 'Welcome', await loadFlowFixture('welcome-exit'))
      await kairos.api('PUT', '/api/contacts/zoe', { attributes: { phone: '+4915100000009' } })
      await kairos.api('POST', '/api/events', { contact: 'zoe', name: 'form_submitted', properties: { form: 'newsletter' } })
      await kairos.drain()
      await kairos.advance('1d')
      await kairos.restart()
      await kairos.advance('1d')
      const [run] = (await kairos.api('GET', `/api/runs?flow=${flowId}&contact=zoe`)).body.runs
      expect(run.status).toBe('completed')
      const sms = (await kairos.api('GET', '/api/deliveries?contact=zoe')).body.deliveries
      expect(sms.map((d: any) => d.node).sort()).toEqual(['reminder', 'welcome'])
    } finally {
      await kairos.stop()
    }
  })
})

describe('reentry after a cooldown', () => {
  it('lets a contact enter again only once the cooldown since their last entry has passed', async () => {
    const kairos = await startTestKairos()
    try {
      const flowId = await publishFlow(kairos, 'Win-back', {
        nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'went_dormant' } }, { id: 'tag', type: 'tag', config: { add: ['dormant'] } }],
        edges: [{ source: 'in', target: 'tag' }],
        settings: { reentry: 'after', reentryAfter: '30d' },
      })
      const enter = async () => (await kairos.api('POST', '/api/events', { contact: 'wes', name: 'went_dormant' })).body.runsStarted
      expect(await enter()).toBe(1)
      await kairos.advance('29d')
      expect(await enter()).toBe(0)
      await kairos.advance('1d')
      expect(await enter()).toBe(1)
      expect(await enter()).toBe(0)
      expect((await kairos.api('GET', `/api/runs?flow=${flowId}&contact=wes`)).body.runs).toHaveLength(2)
      const refused = await kairos.api('POST', '/api/flows', { name: 'No cooldown', graph: {
        nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'x' } }], edges: [], settings: { reentry: 'after' },
      } })
      const publish = await kairos.api('POST', `/api/flows/${refused.body.id}/publish`)
      expect(publish.body.error.details).toEqual([{ node: null, field: 'settings.reentryAfter', message: 'is required when reentry is "after" (e.g. 30d)' }])
    } finally {
      await kairos.stop()
    }
  })
})
