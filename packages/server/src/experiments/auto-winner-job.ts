import { sql } from 'kysely'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { retryTransient } from '../db/retry.ts'
import { addJobs, type JobSpec } from '../execution/jobs.ts'
import { AuditLog, SYSTEM_ACTOR } from '../auth/audit-log.ts'
import type { ArmCounts } from '../reports/proportions.ts'
import { autoWinnerSplits } from './auto-winner-splits.ts'
import { decideWinner, type AutoWinnerSplit, type WinnerDecision } from './decide-winner.ts'

/** The task that checks a flow version's auto-winner splits, and queues itself again while one is undecided. */
export const AUTO_WINNER_TASK = 'kairos.auto-winner'
/** How often an undecided split is looked at again: conversions come in over hours, not seconds. */
export const AUTO_WINNER_CHECK_EVERY_MS = 3_600_000

export interface AutoWinnerPayload {
  flow: string
  version: number
}

/** One pending check per flow version, whoever queues it (publishing, the check itself). */
export function autoWinnerJobSpec(flowId: string, version: number, runAt: Date): JobSpec {
  const payload: AutoWinnerPayload = { flow: flowId, version }
  return { identifier: AUTO_WINNER_TASK, payload, run_at: runAt.toISOString(), job_key: `kairos:auto-winner:${flowId}:${version}`, max_attempts: 25 }
}

/** At publish, in its transaction: the first check of a version with auto-winner splits, an interval from now. */
export async function planAutoWinnerChecks(trx: Db, flowId: string, version: number, graph: { nodes: ReadonlyArray<{ id: string; type: string; config?: unknown }> }, now: Date): Promise<void> {
  if (autoWinnerSplits(graph).length === 0) return
  await addJobs(trx, [autoWinnerJobSpec(flowId, version, new Date(now.getTime() + AUTO_WINNER_CHECK_EVERY_MS))])
}

export interface AutoWinnerDeps {
  db: Db
  clock: Clock
}

/** What one check did, for tests and logs: the splits it decided, and why the others wait. */
export interface AutoWinnerCheck {
  decided: Array<{ nodeId: string; arm: string; pValue: number }>
  waiting: Array<{ nodeId: string; reason: string }>
  /** False when the version stopped being live (replaced, archived) or nothing is left to decide: no next check. */
  again: boolean
}

/**
 * Checks every undecided auto-winner split of a flow version, in one
 * transaction: counts each arm's contacts and goal conversions among the
 * version's runs (a run still inside its goal window counts as not converted
 * yet), decides (decide-winner.ts), and records a decision once, in
 * split_decisions with an audit entry by the system. A second check (the job
 * running twice, two workers) inserts nothing and audits nothing: the row's
 * key is (flow, version, node). While a split is undecided and the version is
 * live, the next check is queued an interval later.
 */
export async function checkAutoWinners(deps: AutoWinnerDeps, flowId: string, version: number): Promise<AutoWinnerCheck> {
  const check = await retryTransient(() => deps.db.transaction().execute((trx) => checkInTransaction(trx, deps.clock.now(), flowId, version)))
  if (check.again) await addJobs(deps.db, [autoWinnerJobSpec(flowId, version, new Date(deps.clock.now().getTime() + AUTO_WINNER_CHECK_EVERY_MS))])
  return check
}

async function checkInTransaction(trx: Db, now: Date, flowId: string, version: number): Promise<AutoWinnerCheck> {
  const check: AutoWinnerCheck = { decided: [], waiting: [], again: false }
  const { rows } = await sql<{ status: string; published_version: number | null; graph: { nodes: Array<{ id: string; type: string; config?: unknown }> } }>`
    select f.status, f.published_version, v.graph from flows f join flow_versions v on v.flow_id = f.id and v.version = ${version}
    where f.id = ${flowId}`.execute(trx)
  const row = rows[0]
  // A version no longer live lets no new entrant reach its splits' decision worth making.
  if (!row || row.published_version !== version || row.status === 'archived') return check
  const { rows: decided } = await sql<{ node_id: string }>`select node_id from split_decisions where flow_id = ${flowId} and version = ${version}`.execute(trx)
  const done = new Set(decided.map((d) => d.node_id))
  const open = autoWinnerSplits(row.graph).filter((split) => !done.has(split.nodeId))
  for (const split of open) {
    const { arms, since } = await armCounts(trx, flowId, version, split.nodeId)
    const decision = decideWinner(split, arms, since ? now.getTime() - since.getTime() : 0)
    if (!decision.decided) {
      check.waiting.push({ nodeId: split.nodeId, reason: decision.reason })
      continue
    }
    if (await recordDecision(trx, flowId, version, split, decision, now)) check.decided.push({ nodeId: split.nodeId, arm: decision.arm, pValue: decision.pValue })
  }
  check.again = check.waiting.length > 0
  return check
}

/**
 * Each arm's distinct contacts and converted contacts among the version's runs through the split,
 * and when the first of those runs entered: the test's duration counts from then (on the app's
 * clock, which tests and the simulator move), not from the publish.
 */
async function armCounts(trx: Db, flowId: string, version: number, nodeId: string): Promise<{ arms: ArmCounts[]; since: Date | null }> {
  const key = `split.${nodeId}`
  const { rows } = await sql<ArmCounts & { first: Date }>`select r.vars ->> ${key} as arm, count(distinct r.contact_id)::int as contacts,
      count(distinct r.contact_id) filter (where r.converted_at is not null)::int as converted, min(r.entered_at) as first
    from runs r where r.flow_id = ${flowId} and r.flow_version = ${version} and r.vars ? ${key}
    group by 1`.execute(trx)
  const firsts = rows.map((r) => r.first.getTime())
  return { arms: rows.map(({ arm, contacts, converted }) => ({ arm, contacts, converted })), since: firsts.length > 0 ? new Date(Math.min(...firsts)) : null }
}

/** Inserts the decision unless one is there; audits it only when this call inserted it. */
async function recordDecision(trx: Db, flowId: string, version: number, split: AutoWinnerSplit, decision: Extract<WinnerDecision, { decided: true }>, now: Date): Promise<boolean> {
  const { rows } = await sql<{ node_id: string }>`insert into split_decisions (flow_id, version, node_id, arm, decided_at, confidence, p_value, arms)
    values (${flowId}, ${version}, ${split.nodeId}, ${decision.arm}, ${now}, ${split.confidence}, ${decision.pValue}, ${JSON.stringify(decision.arms)}::jsonb)
    on conflict do nothing returning node_id`.execute(trx)
  if (rows.length === 0) return false
  await new AuditLog(trx).record(SYSTEM_ACTOR, {
    action: 'flow.split_winner',
    target: { type: 'flow', id: flowId },
    diff: { version, node: split.nodeId, arm: decision.arm, at: now.toISOString(), confidence: split.confidence, pValue: decision.pValue, arms: decision.arms },
  }, trx)
  return true
}
