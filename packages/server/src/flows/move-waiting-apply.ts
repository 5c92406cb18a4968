import type { CompiledFlow } from '@kairos/engine'
import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { FlowRow } from '../db/database.ts'
import { KairosError, notFound } from '../errors.ts'
import { addJobs, advanceJobSpecs } from '../execution/jobs.ts'
import { LiveDeltas } from '../live/live-deltas.ts'

interface PlanRow {
  id: string
  flow_id: string
  from_version: number
  draft_updated_at: Date
  mapping: { requested: Record<string, string | null>; moves: Record<string, string> }
  run_ids: string[]
  run_seqs: number[]
  run_nodes: string[]
  applied_at: Date | null
  applied_version: number | null
}

/** A plan with its runs locked, ready to apply inside the publishing transaction. */
export interface LockedPlan {
  plan: PlanRow
  runs: Map<string, LockedRun>
}

/** What applying needs of a run the plan names, read under its lock. */
interface LockedRun {
  id: string
  seq: number
  status: string
  node_id: string
  node_entered_at: Date
  flow_version: number
  wake_at: Date | null
}

/** What the move did, per step of the live version: the publish's reply and its audit entry carry it. */
export interface MoveOutcome {
  plan: string
  fromVersion: number
  toVersion: number
  mapping: Record<string, string | null>
  moved: number
  /** Runs the plan named that changed since the dry run (left their wait, or moved on to another): left alone. */
  changed: number
  nodes: Array<{ node: string; to: string; moved: number; changed: number }>
}

/**
 * Locks what the plan moves the way the engine does, before the publish locks the flow: the runs'
 * contacts in id order, then the runs (a run entering the flow holds its contact and then waits on
 * the flow's key, so the other order could deadlock with it). KAIROS_NOT_FOUND for a plan of
 * another flow or none; KAIROS_CONFLICT for one already applied.
 */
export async function lockPlan(trx: Db, flowId: string, planId: string): Promise<LockedPlan> {
  const { rows } = await sql<PlanRow>`select * from move_plans where id = ${planId}::uuid and flow_id = ${flowId}::uuid for update`.execute(trx)
  const plan = rows[0]
  if (!plan) throw notFound('move plan', planId)
  if (plan.applied_at) throw new KairosError('KAIROS_CONFLICT', `move plan ${planId} was already applied with v${plan.applied_version}: run the dry run again`)
  // As lockContacts({ ofRuns }) locks, with the ids as one array parameter: a plan may name more
  // runs than a statement may have parameters (65,535).
  const ids = plan.run_ids.map(String)
  await sql`select id from contacts where id in (select contact_id from runs where id = any(${ids}::bigint[]))
      order by id for no key update`.execute(trx)
  const { rows: locked } = await sql<LockedRun>`select id, seq, status, node_id,
      node_entered_at, flow_version, wake_at from runs where id = any(${ids}::bigint[]) order by id for no key update`.execute(trx)
  return { plan, runs: new Map(locked.map((r) => [String(r.id), r])) }
}

/**
 * Applies a locked plan in the publishing transaction, once the new version is written. Refused
 * (KAIROS_CONFLICT, nothing published) when the live version or the draft changed since the dry
 * run. A run moves only if it still waits where and at the seq the dry run saw; it then stands on
 * its new step in `toVersion` with its wait (wake time, event, delivery or effect) unchanged, its
 * seq one on (so the job it had finds a mismatch and does nothing) and a new advance job at its
 * wake time. Leaving for another step writes a `migrated` step at the old one, so the live counters
 * count it as passed on there and waiting at the new one; staying on the same id writes none (the
 * counters do not change).
 */
export async function applyMove(trx: Db, locked: LockedPlan, at: { flow: FlowRow; version: number; live: CompiledFlow; now: Date }): Promise<MoveOutcome> {
  const { plan } = locked
  const { flow, version, live, now } = at
  if (flow.published_version !== plan.from_version)
    throw new KairosError('KAIROS_CONFLICT', `the live version is v${flow.published_version}, the dry run planned a move from v${plan.from_version}: run the dry run again`)
  if (flow.updated_at.getTime() !== new Date(plan.draft_updated_at).getTime())
    throw new KairosError('KAIROS_CONFLICT', 'the draft changed since the dry run: run the dry run again')

  const byNode = new Map<string, { node: string; to: string; moved: number; changed: number }>()
  const moved: Array<{ id: string; node_id: string; node_entered_at: Date; seq: number; runAt: Date }> = []
  const steps: Array<Record<string, unknown>> = []
  const deltas = new LiveDeltas()
  plan.run_ids.forEach((rawId, i) => {
    const id = String(rawId)
    const from = plan.run_nodes[i]
    const to = plan.mapping.moves[from]
    let counts = byNode.get(from)
    if (!counts) byNode.set(from, (counts = { node: from, to, moved: 0, changed: 0 }))
    const run = locked.runs.get(id)
    if (!run || run.status !== 'waiting' || run.flow_version !== plan.from_version || run.seq !== plan.run_seqs[i] || run.node_id !== from) {
      counts.changed += 1
      return
    }
    counts.moved += 1
    const leaves = to !== from
    moved.push({
      id, node_id: to, node_entered_at: leaves ? now : run.node_entered_at, seq: run.seq + 1,
      runAt: run.wake_at && run.wake_at.getTime() > now.getTime() ? run.wake_at : now,
    })
    const step = leaves ? [{ nodeId: from, outcome: 'migrated', port: null }] : []
    deltas.transition(flow.id, { nodeId: from, status: 'waiting' }, { nodeId: to, status: 'waiting' }, step)
    if (leaves) {
      const node = live.nodes.get(from)
      steps.push({
        run_id: id, seq: run.seq, node_id: from, node_type: node?.node.type ?? 'unknown', node_version: node?.definition.version ?? 0,
        entered_at: run.node_entered_at, left_at: now, outcome: 'migrated', output: { fromVersion: plan.from_version, toVersion: version, to, plan: plan.id },
      })
    }
  })

  if (moved.length > 0) {
    await sql`update runs set flow_version = ${version}, node_id = v.node_id, node_entered_at = v.node_entered_at, seq = v.seq, updated_at = now()
        from json_to_recordset(${JSON.stringify(moved)}::json) as v(id bigint, node_id text, node_entered_at timestamptz, seq int)
        where runs.id = v.id and runs.id = any(${moved.map((r) => r.id)}::bigint[])`.execute(trx)
    await addJobs(trx, advanceJobSpecs(moved.map((r) => ({ run: r.id, seq: r.seq, runAt: r.runAt }))))
  }
  if (steps.length > 0)
    await sql`insert into steps (run_id, seq, node_id, node_type, node_version, entered_at, left_at, outcome, output)
        select * from json_to_recordset(${JSON.stringify(steps)}::json) as s(run_id bigint, seq int, node_id text, node_type text,
          node_version int, entered_at timestamptz, left_at timestamptz, outcome text, output jsonb)`.execute(trx)
  await sql`update move_plans set applied_at = ${now}, applied_version = ${version} where id = ${plan.id}::uuid`.execute(trx)
  await deltas.notify(trx)
  const nodes = [...byNode.values()]
  return {
    plan: plan.id, fromVersion: plan.from_version, toVersion: version, mapping: plan.mapping.requested,
    moved: moved.length, changed: plan.run_ids.length - moved.length, nodes,
  }
}
