import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Goals recorded per run, the report operators tune journeys with, and the on/off switch holding runs.
describe('goals, reports and pausing', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: '2027-04-05T00:00:00Z' })
  })
  afterAll(() => kairos?.stop())

  it('records conversions within the goal window and reports them per split arm and per node', async () => {
    const flowId = await publishFlow(kairos, 'Reminder test', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'cart_added' } },
        { id: 'ab', type: 'split', config: { arms: [{ port: 'early', weight: 50 }, { port: 'late', weight: 50 }] } },
        { id: 'smsEarly', type: 'send.sms', config: { text: 'Your cart misses you' } },
        { id: 'wait', type: 'wait', config: { for: '1d' } },
        { id: 'smsLate', type: 'send.sms', config: { text: 'Still thinking about it?' } },
      ],
      edges: [
        { source: 'in', target: 'ab' }, { source: 'ab', sourcePort: 'early', target: 'smsEarly' },
        { source: 'ab', sourcePort: 'late', target: 'wait' }, { source: 'wait', target: 'smsLate' },
      ],
      settings: { goal: { event: 'order_placed', within: '7d' } },
    })
    const contacts = Array.from({ length: 40 }, (_, i) => `shopper-${i}`)
    for (const [i, contact] of contacts.entries())
      await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: i % 4 === 0 ? {} : { phone: `+8613${String(i).padStart(9, '0')}` } })
    await kairos.api('POST', '/api/events', { events: contacts.map((contact) => ({ contact, name: 'cart_added' })) })
    await kairos.drain()
    await kairos.advance('2d')
    const ordered = await kairos.api('POST', '/api/events', { events: contacts.slice(0, 10).map((contact) => ({ contact, name: 'order_placed' })) })
    expect(ordered.body.runsConverted).toBe(10)
    await kairos.advance('6d')
    expect((await kairos.api('POST', '/api/events', { contact: contacts[20], name: 'order_placed' })).body.runsConverted).toBe(0)

    const { body: report } = await kairos.api('GET', `/api/flows/${flowId}/report?from=2027-04-01T00:00:00Z&to=2027-04-30T00:00:00Z`)
    expect(report.goal).toEqual({ event: 'order_placed', within: '7d' })
    expect(report.runs).toEqual({ entered: 40, converted: 10, conversionRate: 0.25, exited: 0 })
    const arms = report.splits.ab
    expect(arms.early.contacts + arms.late.contacts).toBe(40)
    expect(arms.early.converted + arms.late.converted).toBe(10)
    expect(arms.early.conversionRate).toBe(Math.round((arms.early.converted / arms.early.contacts) * 10_000) / 10_000)
    // The first arm is the reference; the other is compared with it (Wilson intervals, pooled z-test).
    expect(arms.early).toMatchObject({ reference: true, difference: null, pValue: null, significant: false })
    const rateOf = (arm: { converted: number; contacts: number }) => arm.converted / arm.contacts
    expect(arms.late.reference).toBe(false)
    expect(arms.late.difference).toBeCloseTo(rateOf(arms.late) - rateOf(arms.early), 9)
    for (const arm of [arms.early, arms.late]) expect(arm.interval.low <= rateOf(arm) && rateOf(arm) <= arm.interval.high).toBe(true)
    expect(arms.late.pValue).toBeGreaterThan(0)
    expect(arms.late.significant).toBe(arms.late.pValue < 0.05)
    expect(report.nodes.in).toEqual({ entered: 40, completed: 40, exited: 0, exitedBy: {}, failed: 0, waitingNow: 0 })
    expect(report.nodes.wait).toEqual({ entered: arms.late.contacts, completed: arms.late.contacts, exited: 0, exitedBy: {}, failed: 0, waitingNow: 0 })
    const sentEarly = report.messages.smsEarly?.sent ?? 0
    const sentLate = report.messages.smsLate?.sent ?? 0
    // Every fourth shopper has no phone: 30 messages, whichever arm each landed in.
    expect(sentEarly + sentLate).toBe(30)
    expect((await kairos.api('GET', `/api/flows/${flowId}/report?from=2027-05-01T00:00:00Z&to=2027-05-02T00:00:00Z`)).body.runs.entered).toBe(0)
    expect((await kairos.api('GET', `/api/flows/${flowId}/report?from=2027-05-01T00:00:00Z&to=2027-04-01T00:00:00Z`)).body.error.details[0].field).toBe('querystring.from')
  })

  it('holds runs at their next step while the flow is paused and releases them on resume', async () => {
    const flowId = await publishFlow(kairos, 'Pausable', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'signed_up' } },
        { id: 'wait', type: 'wait', config: { for: '1h' } },
        { id: 'done', type: 'tag', config: { add: ['welcomed'] } },
      ],
      edges: [{ source: 'in', target: 'wait' }, { source: 'wait', target: 'done' }],
    })
    await kairos.api('POST', '/api/events', { events: ['p1', 'p2', 'p3'].map((contact) => ({ contact, name: 'signed_up' })) })
    await kairos.drain()
    await kairos.api('POST', `/api/flows/${flowId}/pause`)
    expect((await kairos.api('POST', '/api/events', { contact: 'p4', name: 'signed_up' })).body.runsStarted).toBe(0)
    await kairos.advance('2h')
    const held = (await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs
    expect(held.map((r: any) => [r.status, r.nodeId])).toEqual([['waiting', 'wait'], ['waiting', 'wait'], ['waiting', 'wait']])
    expect((await kairos.core.database.pool.query(`select count(*)::int as n from runs where flow_id = $1 and held_at is not null`, [flowId])).rows[0].n).toBe(3)

    await kairos.api('POST', `/api/flows/${flowId}/resume`)
    await kairos.drain()
    const released = (await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs
    expect(released.map((r: any) => r.status)).toEqual(['completed', 'completed', 'completed'])
    expect((await kairos.api('GET', '/api/contacts/p1')).body.tags).toContain('welcomed')
  })
})
