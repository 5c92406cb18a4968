// What the canvas and the lists draw from a simulation's answer: counters per step, traffic
// per port, every message that would go (sorted by send time), and one contact's path in the
// shape the run inspector's path has, so the canvas lights it up the same way.
import { edgeKey, trafficKey } from '../../lib/graph.ts'
import type { SimulatedContact, SimulatedMessage, SimulationResult } from './simulation-types.ts'

export interface SimulatedCounts {
  /** Distinct contacts that passed through the step. */
  passed: number
  /** Runs waiting there when the horizon ends. */
  waiting: number
}

export function stepCounts(result: SimulationResult | null): Map<string, SimulatedCounts> {
  return new Map((result?.totals.steps ?? []).map((s) => [s.node, { passed: s.contacts, waiting: s.waiting }]))
}

/** How many steps left each node through each port (the key live traffic uses). */
export function portTraffic(result: SimulationResult | null): Map<string, number> {
  const traffic = new Map<string, number>()
  for (const contact of result?.contacts ?? [])
    for (const run of contact.runs)
      for (const step of run.steps) {
        if (!step.port) continue
        const key = trafficKey({ source: step.node, sourcePort: step.port })
        traffic.set(key, (traffic.get(key) ?? 0) + 1)
      }
  return traffic
}

/** A message that would go, with who gets it and where in the journey. */
export interface MessageRow {
  key: string
  contact: string
  timezone: string
  node: string
  label: string | null
  message: SimulatedMessage
  coupon: string | null
}

export function messageRows(result: SimulationResult | null): MessageRow[] {
  const rows: MessageRow[] = []
  for (const contact of result?.contacts ?? [])
    contact.runs.forEach((run, r) => {
      run.steps.forEach((step, s) => {
        if (step.message) rows.push({ key: `${contact.contact}:${r}:${s}`, contact: contact.contact, timezone: contact.timezone, node: step.node, label: step.label, message: step.message, coupon: step.coupon ?? null })
      })
      const waiting = run.waiting
      if (waiting?.message) rows.push({ key: `${contact.contact}:${r}:w`, contact: contact.contact, timezone: contact.timezone, node: waiting.node, label: waiting.label, message: waiting.message, coupon: null })
    })
  return rows.sort((a, b) => a.message.sendAt.localeCompare(b.message.sendAt) || a.contact.localeCompare(b.contact))
}

/** The steps and connections a contact's runs went through, where one waits, where one failed. */
export interface CanvasPath {
  nodes: Set<string>
  edges: Set<string>
  current: string | null
  failed: string | null
}

export function contactPath(contact: SimulatedContact | null): CanvasPath {
  const nodes = new Set<string>()
  const edges = new Set<string>()
  let current: string | null = null
  let failed: string | null = null
  for (const run of contact?.runs ?? []) {
    run.steps.forEach((step, i) => {
      nodes.add(step.node)
      const next = run.steps[i + 1]
      if (next && step.port) edges.add(edgeKey({ source: step.node, sourcePort: step.port, target: next.node }))
    })
    const last = run.steps.at(-1)
    if (run.waiting) {
      nodes.add(run.waiting.node)
      if (last?.port) edges.add(edgeKey({ source: last.node, sourcePort: last.port, target: run.waiting.node }))
      current = run.waiting.node
    }
    if (run.status === 'failed' && last) failed = last.node
  }
  return { nodes, edges, current, failed }
}
