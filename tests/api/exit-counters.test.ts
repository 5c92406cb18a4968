import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// A run that leaves early (an exitOn event, a cancel) counts as exited at the step it left, not
// as done there: in the live counters (pushed and loaded alike), the report and the list.
describe('exits and conversions in the counters', () => {
  let kairos: TestKairos
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: '2027-06-01T00:00:00Z' })
    flowId = await publishFlow(kairos, 'Renewal reminder', {
      nodes: [
        { id: 'due', type: 'trigger.event', config: { event: 'renewal_due' } },
        { id: 'hold', type: 'wait', config: { for: '1d' } },
        { id: 'tagged', type: 'tag', config: { add: ['reminded'] } },
        { id: 'end', type: 'exit', config: { reason: 'reminded' } },
      ],
      edges: [{ source: 'due', target: 'hold' }, { source: 'hold', target: 'tagged' }, { source: 'tagged', target: 'end' }],
      settings: { exitOn: ['order_placed'], goal: { event: 'order_placed', within: '7d' } },
    })
  })
  afterAll(() => kairos?.stop())

  it('counts exit events and cancels as exited where the run was, and conversions per flow', async () => {
    const contacts = ['m-1', 'm-2', 'm-3', 'm-4']
    await kairos.api('POST', '/api/events', { events: contacts.map((contact) => ({ contact, name: 'renewal_due' })) })
    await kairos.drain()
    // m-1 orders while waiting: the exit event ends the run and the goal converts it.
    expect((await kairos.api('POST', '/api/events', { contact: 'm-1', name: 'order_placed' })).body.runsConverted).toBe(1)
    const { body: runs } = await kairos.api('GET', `/api/runs?flow=${flowId}`)
    const m2 = runs.runs.find((r: { contact: string }) => r.contact === 'm-2')
    expect((await kairos.api('POST', '/api/runs/cancel', { ids: [m2.id] })).body.cancelled).toBe(1)
    await kairos.drain()

    const { body: stats } = await kairos.api('GET', `/api/flows/${flowId}/stats`)
    expect(stats.nodes.hold).toEqual({ entered: 4, waiting: 2, completed: 0, exited: 2, failed: 0 })
    expect(stats.nodes.due).toEqual({ entered: 4, waiting: 0, completed: 4, exited: 0, failed: 0 })

    await kairos.advance('1d')
    const { body: after } = await kairos.api('GET', `/api/flows/${flowId}/stats`)
    expect(after.nodes.hold).toEqual({ entered: 4, waiting: 0, completed: 2, exited: 2, failed: 0 })
    // Ending at the exit node drawn for it is done, not exited.
    expect(after.nodes.end).toEqual({ entered: 2, waiting: 0, completed: 2, exited: 0, failed: 0 })

    const { body: report } = await kairos.api('GET', `/api/flows/${flowId}/report?from=2027-05-01T00:00:00Z&to=2027-07-01T00:00:00Z`)
    expect(report.runs).toEqual({ entered: 4, converted: 1, conversionRate: 0.25, exited: 2 })
    expect(report.nodes.hold).toEqual({ entered: 4, completed: 2, exited: 2, exitedBy: { 'exitOn: order_placed': 1, cancelled: 1 }, failed: 0, waitingNow: 0 })
    expect(report.nodes.end).toMatchObject({ completed: 2, exited: 0, exitedBy: {} })

    const { body: list } = await kairos.api('GET', '/api/flows')
    expect(list.flows.find((f: { id: string }) => f.id === flowId).stats).toEqual({ active: 0, waiting: 0, completed: 0, failed: 0, exited: 3, converted: 1 })
  })

  it('pushes the same exited counts over the websocket as it loads from the tables', async () => {
    const socket = await kairos.app.injectWS('/api/live', { headers: kairos.authHeaders }, { onInit: (ws) => void ws.on('ping', (data: Buffer) => ws.pong(data)) })
    const received: any[] = []
    socket.on('message', (raw) => received.push(JSON.parse(String(raw))))
    socket.send(JSON.stringify({ type: 'subscribe', flowId }))
    await expect.poll(() => received.some((m) => m.type === 'stats')).toBe(true)
    await kairos.api('POST', '/api/events', { contact: 'm-5', name: 'renewal_due' })
    await kairos.drain()
    await kairos.api('POST', '/api/events', { contact: 'm-5', name: 'order_placed' })
    await expect.poll(() => received.findLast((m) => m.type === 'stats')?.nodes.hold?.exited, { timeout: 10_000 }).toBe(3)
    const pushed = received.findLast((m) => m.type === 'stats')
    const { body: loaded } = await kairos.api('GET', `/api/flows/${flowId}/stats`)
    expect(pushed.nodes).toEqual(loaded.nodes)
    socket.close()
  })
})
