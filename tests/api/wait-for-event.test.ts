import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// wait.event on both outcomes, its `where` filter, and the race with its timeout.
const graph = {
  nodes: [
    { id: 'start', type: 'trigger.event', config: { event: 'trial_started' } },
    { id: 'paid', type: 'wait.event', config: { event: 'invoice_paid', where: { plan: 'pro' }, timeout: '7d' } },
    { id: 'won', type: 'tag', config: { add: ['converted'] } },
    { id: 'lost', type: 'tag', config: { add: ['trial-expired'] } },
  ],
  edges: [
    { source: 'start', target: 'paid' },
    { source: 'paid', sourcePort: 'received', target: 'won' },
    { source: 'paid', sourcePort: 'timeout', target: 'lost' },
  ],
}

describe('wait for an event with a timeout', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos()
    flowId = await publishFlow(kairos, 'Trial conversion', graph)
  })
  afterAll(() => kairos?.stop())

  const run = async (contact: string) => {
    const { runs } = (await kairos.api('GET', `/api/runs?flow=${flowId}&contact=${contact}`)).body
    return (await kairos.api('GET', `/api/runs/${runs[0].id}`)).body
  }
  const start = async (contact: string) => {
    await kairos.api('POST', '/api/events', { contact, name: 'trial_started' })
    await kairos.drain()
  }

  it('leaves through "received" when a matching event arrives before the timeout', async () => {
    await start('ana')
    expect(await run('ana')).toMatchObject({ status: 'waiting', waitingFor: 'invoice_paid' })
    await kairos.advance('3d')
    const posted = await kairos.api('POST', '/api/events', { contact: 'ana', name: 'invoice_paid', properties: { plan: 'pro' } })
    expect(posted.body.runsResumed).toBe(1)
    await kairos.drain()
    const done = await run('ana')
    expect(done.status).toBe('completed')
    expect(done.steps.map((s: any) => `${s.node}:${s.port}`)).toEqual(['start:next', 'paid:received', 'won:next'])
    expect(done.steps[1].result.event).toMatchObject({ name: 'invoice_paid', properties: { plan: 'pro' } })
    // The timeout job that was scheduled for day 7 finds the run moved on and does nothing.
    await kairos.advance('5d')
    expect((await run('ana')).steps).toHaveLength(3)
  })

  it('ignores events that do not match the filter and leaves through "timeout"', async () => {
    await start('ben')
    await kairos.advance('1d')
    const posted = await kairos.api('POST', '/api/events', { contact: 'ben', name: 'invoice_paid', properties: { plan: 'basic' } })
    expect(posted.body.runsResumed).toBe(0)
    await kairos.advance('6d')
    const done = await run('ben')
    expect(done.steps.map((s: any) => `${s.node}:${s.port}`)).toEqual(['start:next', 'paid:timeout', 'lost:next'])
  })

  it('lets the timeout win over an event that arrives after the deadline, even if the timeout job is late', async () => {
    await start('cat')
    // Move past the deadline without running jobs, as if the worker were down.
    const { vi } = await import('vitest')
    vi.setSystemTime(new Date(Date.now() + 8 * 86_400_000))
    const posted = await kairos.api('POST', '/api/events', { contact: 'cat', name: 'invoice_paid', properties: { plan: 'pro' } })
    expect(posted.body.runsResumed).toBe(0)
    await kairos.drain()
    expect((await run('cat')).steps.map((s: any) => s.port)).toEqual(['next', 'timeout', 'next'])
  })

  it('resumes exactly one of many event deliveries racing each other', async () => {
    await start('dan')
    const posts = await Promise.all(
      Array.from({ length: 5 }, () => kairos.api('POST', '/api/events', { contact: 'dan', name: 'invoice_paid', properties: { plan: 'pro' } })),
    )
    expect(posts.map((p) => (p.status === 202 ? 202 : JSON.stringify(p.body)))).toEqual([202, 202, 202, 202, 202])
    expect(posts.reduce((sum, p) => sum + p.body.runsResumed, 0)).toBe(1)
    await kairos.drain()
    expect((await run('dan')).steps.map((s: any) => s.port)).toEqual(['next', 'received', 'next'])
  })
})
