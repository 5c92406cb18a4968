import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { compareArms, type ArmCounts, type Interval } from './proportions.ts'
import { trackedCounts } from './tracked-counts.ts'
import { splitDecisions, type SplitDecision } from '../experiments/split-decisions.ts'
import { controlGroupLift, type ControlGroupReport } from '../experiments/control-lift.ts'
import { readPolicies } from '../policies/policy-service.ts'

export interface FlowReport {
  flowId: string
  from: string
  to: string
  goal: { event: string; within: string } | null
  runs: { entered: number; converted: number; conversionRate: number | null; exited: number }
  nodes: Record<string, { entered: number; completed: number; exited: number; exitedBy: Record<string, number>; failed: number; waitingNow: number }>
  /** By split node, then arm: goal conversions, the 95% interval, and the comparison with the split's reference arm. */
  splits: Record<string, Record<string, SplitArm>>
  /** By split node: its auto-winner's decision, when one was made (docs/experiments.md). */
  decisions: Record<string, SplitDecision>
  /** The workspace control group's conversion beside everyone else's, and the lift; null without a group. */
  controlGroup: ControlGroupReport | null
  messages: Record<
    string,
    {
      channel: string
      sent: number
      /** Of those sent, the ones a provider reported delivered (or read, or clicked). */
      delivered: number
      failed: number
      suppressed: number
      suppressedBy: Record<string, number>
      /** Held back by a policy right now, waiting for their time (quiet hours, a cap with onCap wait). */
      scheduled: number
      /** Deferred by a policy at some point, whatever became of them; by rule. Deliveries retention deleted are not counted. */
      deferred: number
      deferredBy: Record<string, number>
      /** Deliveries with a counted click on a tracked link / an open of their pixel, each once (docs/tracking.md). */
      clicked: number
      opened: number
    }
  >
}

/** Statuses of a message that went out: a receipt moves sent to delivered, read or clicked. */
const SENT = new Set(['sent', 'delivered', 'read', 'clicked'])

export interface SplitArm {
  contacts: number
  converted: number
  conversionRate: number | null
  interval: Interval | null
  /** The arm the others are compared with: the holdout when the split has one, else its first arm. */
  reference: boolean
  difference: number | null
  pValue: number | null
  significant: boolean
}

const rate = (converted: number, total: number) => (total === 0 ? null : Math.round((converted / total) * 10_000) / 10_000)

/**
 * What operators tune journeys with, for runs that entered in [from, to):
 * per node, how many passed, finished, left early (by reason: an exitOn event,
 * a cancel), failed and wait there now; per split
 * arm, contacts, goal conversions and rate; per message node, sent (and of
 * those delivered), failed, suppressed (by rule), held back now and deferred
 * (by rule). One query per section, all on indexed columns.
 * Runs whose steps and deliveries retention deleted count through the
 * rollups it kept, by the hour they entered (docs/operations.md, Retention).
 */
export async function flowReport(
  db: Db,
  flowId: string,
  window: { from: Date; to: Date },
  goal: FlowReport['goal'],
  /** Each split node's reference arm in the live version (see splitReferences). */
  references: Record<string, string> = {},
): Promise<FlowReport> {
  const { from, to } = window
  const [{ rows: runs }, { rows: steps }, { rows: exits }, { rows: waiting }, { rows: arms }, { rows: messages }, tracked] = await Promise.all([
    sql<{ entered: number; converted: number }>`select count(*)::int as entered, count(converted_at)::int as converted
      from runs where flow_id = ${flowId} and entered_at >= ${from} and entered_at < ${to}`.execute(db),
    // Steps still kept, plus the counts retention rolled up (by the hour the run entered) when it deleted older ones.
    sql<{ node_id: string; passed: number; failed: number }>`select node_id, sum(passed)::int as passed, sum(failed)::int as failed from (
        select s.node_id, count(*) as passed, count(*) filter (where s.outcome = 'error') as failed
        from steps s join runs r on r.id = s.run_id
        where r.flow_id = ${flowId} and r.entered_at >= ${from} and r.entered_at < ${to} group by s.node_id
        union all
        select node_id, sum(passed), sum(failed) from step_rollups
        where flow_id = ${flowId} and entered_hour >= ${from} and entered_hour < ${to} group by node_id) t
      group by node_id`.execute(db),
    // Early exits by reason, from the steps still kept (retention's rollups count them as passed).
    sql<{ node_id: string; reason: string; n: number }>`select s.node_id,
        case when s.output ? 'exitOn' then 'exitOn: ' || (s.output ->> 'exitOn') else 'cancelled' end as reason, count(*)::int as n
      from steps s join runs r on r.id = s.run_id
      where r.flow_id = ${flowId} and r.entered_at >= ${from} and r.entered_at < ${to}
        and s.outcome = 'exit' and (s.output ? 'exitOn' or s.output ? 'cancelled')
      group by s.node_id, reason`.execute(db),
    sql<{ node_id: string; here: number }>`select node_id, count(*)::int as here from runs
      where flow_id = ${flowId} and status in ('running', 'waiting') and entered_at >= ${from} and entered_at < ${to} group by node_id`.execute(db),
    sql<{ split: string; arm: string; contacts: number; converted: number }>`select v.key as split, v.value as arm, count(distinct r.contact_id)::int as contacts,
        count(distinct r.contact_id) filter (where r.converted_at is not null)::int as converted
      from runs r, jsonb_each_text(r.vars) v
      where r.flow_id = ${flowId} and r.entered_at >= ${from} and r.entered_at < ${to} and v.key like 'split.%'
      group by v.key, v.value`.execute(db),
    sql<{ node_id: string; channel: string; status: string; reason: string | null; deferred_by: string | null; n: number }>`select d.node_id, d.channel, d.status,
        case when d.status = 'suppressed' then coalesce(d.error, 'unknown rule') end as reason, d.deferred_by, count(*)::int as n
      from deliveries d join runs r on r.id = d.run_id
      where d.flow_id = ${flowId} and r.entered_at >= ${from} and r.entered_at < ${to}
      group by d.node_id, d.channel, d.status, reason, d.deferred_by
      union all
      select nullif(node_id, ''), channel, status, nullif(reason, ''), null, sum(n)::int from delivery_rollups
      where flow_id = ${flowId} and entered_hour >= ${from} and entered_hour < ${to}
      group by node_id, channel, status, reason`.execute(db),
    trackedCounts(db, flowId, window),
  ])
  const [decisions, controlGroup] = await Promise.all([
    splitDecisions(db, flowId),
    readPolicies(db).then(({ policies }) => controlGroupLift(db, flowId, window, policies.controlGroup)),
  ])
  const nodes: FlowReport['nodes'] = {}
  const node = (id: string) => (nodes[id] ??= { entered: 0, completed: 0, exited: 0, exitedBy: {}, failed: 0, waitingNow: 0 })
  for (const row of steps) {
    node(row.node_id).entered += row.passed
    node(row.node_id).completed += row.passed - row.failed
    node(row.node_id).failed += row.failed
  }
  let exited = 0
  for (const row of exits) {
    const at = node(row.node_id)
    at.completed -= row.n
    at.exited += row.n
    at.exitedBy[row.reason] = row.n
    exited += row.n
  }
  for (const row of waiting) {
    node(row.node_id).entered += row.here
    node(row.node_id).waitingNow += row.here
  }
  const counts = new Map<string, ArmCounts[]>()
  for (const row of arms) {
    const node = row.split.slice('split.'.length)
    counts.set(node, [...(counts.get(node) ?? []), { arm: row.arm, contacts: row.contacts, converted: row.converted }])
  }
  const splits: FlowReport['splits'] = {}
  for (const [node, armCounts] of counts) {
    // A split the live version no longer has: its holdout if it had one, else its first arm by name.
    const reference = references[node] ?? (armCounts.some((a) => a.arm === 'holdout') ? 'holdout' : [...armCounts.map((a) => a.arm)].sort()[0])
    splits[node] = {}
    for (const arm of compareArms(armCounts, reference))
      splits[node][arm.arm] = {
        contacts: arm.contacts, converted: arm.converted, conversionRate: rate(arm.converted, arm.contacts),
        interval: arm.interval, reference: arm.arm === reference, difference: arm.difference, pValue: arm.pValue, significant: arm.significant,
      }
  }
  const byNode: FlowReport['messages'] = {}
  for (const row of messages) {
    const entry = (byNode[row.node_id ?? 'unknown'] ??= {
      channel: row.channel, sent: 0, delivered: 0, failed: 0, suppressed: 0, suppressedBy: {}, scheduled: 0, deferred: 0, deferredBy: {},
      ...(tracked.get(row.node_id ?? 'unknown') ?? { clicked: 0, opened: 0 }),
    })
    if (row.status === 'failed') entry.failed += row.n
    else if (row.status === 'suppressed') {
      entry.suppressed += row.n
      entry.suppressedBy[row.reason ?? 'unknown rule'] = (entry.suppressedBy[row.reason ?? 'unknown rule'] ?? 0) + row.n
    } else if (row.status === 'scheduled') entry.scheduled += row.n
    else if (SENT.has(row.status)) {
      entry.sent += row.n
      if (row.status !== 'sent') entry.delivered += row.n
    }
    // 'queued': due and with its provider, neither sent nor failed yet.
    if (row.deferred_by) {
      entry.deferred += row.n
      entry.deferredBy[row.deferred_by] = (entry.deferredBy[row.deferred_by] ?? 0) + row.n
    }
  }
  const total = runs[0]
  return {
    flowId, from: from.toISOString(), to: to.toISOString(), goal,
    runs: { entered: total.entered, converted: total.converted, conversionRate: rate(total.converted, total.entered), exited },
    nodes, splits, decisions, controlGroup, messages: byNode,
  }
}

/** The arm each split of a graph is compared against: its holdout when it has one, else its first arm. */
export function splitReferences(graph: { nodes: Array<{ id: string; type: string; config?: unknown }> }): Record<string, string> {
  const references: Record<string, string> = {}
  for (const node of graph.nodes) {
    if (node.type !== 'split') continue
    const config = node.config as { arms?: Array<{ port: string }>; holdout?: unknown } | undefined
    const first = config?.arms?.[0]?.port
    if (config?.holdout) references[node.id] = 'holdout'
    else if (first) references[node.id] = first
  }
  return references
}
