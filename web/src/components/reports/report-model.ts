// What the reports page draws, derived from GET /api/flows/:id/report and its /series: the funnel
// rows in the journey's order, message totals per channel, and the time range in the journey's
// timezone. Pure functions, so the page, its charts and the CSV export read the same numbers.
import type { ApiReply, FlowGraph } from '../../api/types.ts'

export type FlowReport = ApiReply<'/api/flows/{id}/report', 'get'>
export type FlowSeries = ApiReply<'/api/flows/{id}/report/series', 'get'>
export type MessageStats = FlowReport['messages'][string]
export type SplitArm = FlowReport['splits'][string][string]

export interface FunnelRow {
  id: string
  /** The step's label, else its node type's title; its id when the graph no longer has it. */
  label: string
  entered: number
  /** entered / the journey's entries (null without entries). */
  ofEntries: number | null
  /**
   * entered / the step before's, only where the journey is a straight line here (one step
   * before, which leads only here): after a branch or split a share is a division, not a drop.
   */
  fromPrevious: number | null
  /**
   * Went no further from this step: left early (an exit event, a cancel), failed, or ended here
   * through a port that leads nowhere (an SMS suppressed by consent, say). The last is known
   * only where every next step has this one as its only step before; a step with no next step
   * is where the journey ends, not a drop.
   */
  dropped: number
  failed: number
  waitingNow: number
  /** The step is in the report (runs passed it) but no longer in the journey's graph. */
  removed: boolean
}

/**
 * The journey's steps in graph order: breadth first from the triggers along the edges as
 * drawn, so a funnel reads top to bottom like the canvas; then steps the report counts that
 * the graph no longer has.
 */
export function stepOrder(graph: Pick<FlowGraph, 'nodes' | 'edges'>): string[] {
  const targets = new Set(graph.edges.map((e) => e.target))
  const queue = graph.nodes.filter((n) => n.type.startsWith('trigger.') || !targets.has(n.id)).map((n) => n.id)
  const seen = new Set<string>()
  const order: string[] = []
  while (queue.length) {
    const id = queue.shift()!
    if (seen.has(id)) continue
    seen.add(id)
    order.push(id)
    for (const edge of graph.edges) if (edge.source === id && !seen.has(edge.target)) queue.push(edge.target)
  }
  for (const node of graph.nodes) if (!seen.has(node.id)) order.push(node.id)
  return order
}

export function funnelRows(graph: Pick<FlowGraph, 'nodes' | 'edges'>, report: FlowReport, labelOf: (id: string) => string): FunnelRow[] {
  const order = stepOrder(graph)
  for (const id of Object.keys(report.nodes)) if (!order.includes(id)) order.push(id)
  const inGraph = new Set(graph.nodes.map((n) => n.id))
  const entries = report.runs.entered
  return order.map((id) => {
    const counts = report.nodes[id] ?? { entered: 0, completed: 0, exited: 0, exitedBy: {}, failed: 0, waitingNow: 0 }
    const before = graph.edges.filter((e) => e.target === id)
    const single = before.length === 1 && graph.edges.filter((e) => e.source === before[0].source).length === 1 ? before[0].source : null
    const previous = single ? (report.nodes[single]?.entered ?? 0) : 0
    const next = graph.edges.filter((e) => e.source === id).map((e) => e.target)
    const attributable = next.length > 0 && next.every((target) => graph.edges.filter((e) => e.target === target).length === 1)
    const wentOn = next.reduce((sum, target) => sum + (report.nodes[target]?.entered ?? 0), 0)
    const stopped = attributable ? Math.max(0, counts.completed - wentOn) : 0
    return {
      id,
      label: labelOf(id),
      entered: counts.entered,
      ofEntries: entries > 0 ? counts.entered / entries : null,
      fromPrevious: single && previous > 0 ? counts.entered / previous : null,
      dropped: counts.exited + counts.failed + stopped,
      failed: counts.failed,
      waitingNow: counts.waitingNow,
      removed: !inGraph.has(id),
    }
  })
}

export interface ChannelTotals {
  channel: string
  sent: number
  delivered: number
  failed: number
  suppressed: number
  deferred: number
  scheduled: number
  clicked: number
  opened: number
}

/** The message counts of every step summed per channel, channels by name. */
export function channelTotals(report: FlowReport): ChannelTotals[] {
  const byChannel = new Map<string, ChannelTotals>()
  for (const stats of Object.values(report.messages)) {
    const total = byChannel.get(stats.channel) ?? { channel: stats.channel, sent: 0, delivered: 0, failed: 0, suppressed: 0, deferred: 0, scheduled: 0, clicked: 0, opened: 0 }
    for (const key of ['sent', 'delivered', 'failed', 'suppressed', 'deferred', 'scheduled', 'clicked', 'opened'] as const) total[key] += stats[key]
    byChannel.set(stats.channel, total)
  }
  return [...byChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel))
}

/** The offset of `zone` from UTC at an instant, in milliseconds (Asia/Shanghai: +8 h). */
function zoneOffset(at: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at))
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(at / 1000) * 1000
}

/** The instant a calendar date (`2027-03-01`) begins in `zone`. */
export function zonedMidnight(date: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  const guess = Date.UTC(y, m - 1, d)
  // Twice: the offset at the guess may differ from the offset at the true midnight (a DST change).
  const first = guess - zoneOffset(guess, zone)
  return new Date(guess - zoneOffset(first, zone))
}

/** The calendar date (`2027-03-01`) an instant falls on in `zone`. */
export function zonedDate(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/** `2027-03-01 09:00` in `zone`: the CSV's local time, sortable and the same in every language. */
export function zonedStamp(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}

export type RangeChoice = { kind: 'last'; days: 7 | 30 | 90 } | { kind: 'custom'; from: string; to: string }

/** The instants [from, to) of a choice: the last N days up to now, or whole days of the journey's zone. */
export function rangeOf(choice: RangeChoice, zone: string, now = new Date()): { from: Date; to: Date } {
  if (choice.kind === 'last') return { from: new Date(now.getTime() - choice.days * 86_400_000), to: now }
  const to = zonedMidnight(choice.to, zone)
  // The end date is included: the range ends at the next day's midnight.
  return { from: zonedMidnight(choice.from, zone), to: zonedMidnight(zonedDate(new Date(to.getTime() + 36 * 3_600_000), zone), zone) }
}
