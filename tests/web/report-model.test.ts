// What the reports page derives from the report (web/src/components/reports/report-model.ts): the
// funnel's order and its shares and drops, message totals per channel, the range in the journey's
// timezone; and how a CSV field is written (csv-field.ts).
import { describe, expect, it } from 'vitest'
import { channelTotals, funnelRows, rangeOf, stepOrder, zonedDate, zonedMidnight, zonedStamp, type FlowReport } from '../../web/src/components/reports/report-model.ts'
import { csvField } from '../../web/src/components/reports/csv-field.ts'

const node = (id: string, type = 'wait') => ({ id, type, version: 1, config: {} })
const counts = (entered: number, more: Partial<FlowReport['nodes'][string]> = {}) => ({ entered, completed: entered, exited: 0, exitedBy: {}, failed: 0, waitingNow: 0, ...more })
const message = (channel: string, n: Partial<FlowReport['messages'][string]>) => ({
  channel, sent: 0, delivered: 0, failed: 0, suppressed: 0, suppressedBy: {}, scheduled: 0, deferred: 0, deferredBy: {}, clicked: 0, opened: 0, ...n,
})

// in → ab → (a: smsA → waitA) | (b: smsB → waitB); late is reachable from both waits.
const graph = {
  nodes: [node('waitB'), node('smsA', 'send.sms'), node('in', 'trigger.event'), node('ab', 'split'), node('smsB', 'send.sms'), node('waitA'), node('late', 'tag')],
  edges: [
    { source: 'in', sourcePort: 'next', target: 'ab' }, { source: 'ab', sourcePort: 'a', target: 'smsA' }, { source: 'ab', sourcePort: 'b', target: 'smsB' },
    { source: 'smsA', sourcePort: 'next', target: 'waitA' }, { source: 'smsB', sourcePort: 'next', target: 'waitB' }, { source: 'waitA', sourcePort: 'next', target: 'late' }, { source: 'waitB', sourcePort: 'next', target: 'late' },
  ],
}

const report = {
  flowId: 'f', from: '', to: '', goal: null,
  runs: { entered: 40, converted: 0, conversionRate: 0, exited: 1 },
  nodes: {
    in: counts(40), ab: counts(40), smsA: counts(18), smsB: counts(22), waitA: counts(15, { completed: 10, waitingNow: 4, exited: 1, exitedBy: { 'exitOn: order_placed': 1 } }),
    waitB: counts(20), late: counts(30), gone: counts(3),
  },
  splits: {},
  messages: { smsA: message('sms', { sent: 15, suppressed: 3 }), smsB: message('sms', { sent: 20, delivered: 18, deferred: 2 }), mail: message('email', { sent: 5, clicked: 2 }) },
} as unknown as FlowReport

describe('the reports page model', () => {
  it('orders steps as the journey runs: breadth first from the trigger, unreachable ones last', () => {
    expect(stepOrder(graph)).toEqual(['in', 'ab', 'smsA', 'smsB', 'waitA', 'waitB', 'late'])
    expect(stepOrder({ nodes: [node('loose'), ...graph.nodes], edges: graph.edges })).toEqual(['loose', 'in', 'ab', 'smsA', 'smsB', 'waitA', 'waitB', 'late'])
  })

  it('gives shares of entries, the share of the step before only on a straight line, and who went no further', () => {
    const rows = funnelRows(graph, report, (id) => id.toUpperCase())
    const row = (id: string) => rows.find((r) => r.id === id)!
    expect(rows.map((r) => r.id)).toEqual(['in', 'ab', 'smsA', 'smsB', 'waitA', 'waitB', 'late', 'gone'])
    expect(row('smsA')).toMatchObject({ label: 'SMSA', entered: 18, ofEntries: 0.45, fromPrevious: null, dropped: 3, removed: false })
    expect(row('ab')).toMatchObject({ fromPrevious: 1, dropped: 0 })
    expect(row('waitA')).toMatchObject({ fromPrevious: 15 / 18, dropped: 1, waitingNow: 4 })
    // late has two steps before it: neither its share nor the waits' endings can be attributed.
    expect(row('late')).toMatchObject({ fromPrevious: null, dropped: 0 })
    expect(row('waitB').dropped).toBe(0)
    expect(row('gone')).toMatchObject({ removed: true, entered: 3 })
  })

  it('sums messages per channel', () => {
    expect(channelTotals(report)).toEqual([
      { channel: 'email', sent: 5, delivered: 0, failed: 0, suppressed: 0, deferred: 0, scheduled: 0, clicked: 2, opened: 0 },
      { channel: 'sms', sent: 35, delivered: 18, failed: 0, suppressed: 3, deferred: 2, scheduled: 0, clicked: 0, opened: 0 },
    ])
  })

  it("reads whole days in the journey's timezone, the end date included, across a daylight-saving change", () => {
    expect(zonedMidnight('2027-03-01', 'Asia/Shanghai').toISOString()).toBe('2027-02-28T16:00:00.000Z')
    expect(zonedMidnight('2027-03-28', 'Europe/Berlin').toISOString()).toBe('2027-03-27T23:00:00.000Z')
    expect(zonedMidnight('2027-03-29', 'Europe/Berlin').toISOString()).toBe('2027-03-28T22:00:00.000Z')
    expect(zonedMidnight('2027-03-03', 'Asia/Kolkata').toISOString()).toBe('2027-03-02T18:30:00.000Z')
    const berlin = rangeOf({ kind: 'custom', from: '2027-03-27', to: '2027-03-28' }, 'Europe/Berlin')
    expect([berlin.from.toISOString(), berlin.to.toISOString()]).toEqual(['2027-03-26T23:00:00.000Z', '2027-03-28T22:00:00.000Z'])
    const now = new Date('2027-03-10T12:00:00Z')
    expect(rangeOf({ kind: 'last', days: 7 }, 'UTC', now)).toEqual({ from: new Date('2027-03-03T12:00:00Z'), to: now })
    expect(zonedDate(new Date('2027-03-01T16:30:00Z'), 'Asia/Shanghai')).toBe('2027-03-02')
    expect(zonedStamp(new Date('2027-03-01T16:30:00Z'), 'Asia/Shanghai')).toBe('2027-03-02 00:30')
  })

  it('writes CSV fields a spreadsheet reads as written, and never runs as a formula', () => {
    expect(csvField('加入购物车')).toBe('加入购物车')
    expect(csvField('A, then B')).toBe('"A, then B"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    expect(csvField('-1 coupon')).toBe("'-1 coupon")
    expect(csvField(-0.05)).toBe('-0.05')
    expect(csvField(1 / 3)).toBe('0.3333')
    expect(csvField(2.4e-9)).toBe('2.40e-9')
    expect(csvField(0)).toBe('0')
    expect(csvField(null)).toBe('')
  })
})
