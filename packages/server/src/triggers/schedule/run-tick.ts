import { sql } from 'kysely'
import { nextCronTick, type Audience, type Clock, type Condition } from '@kairos/sdk'
import type { Db } from '../../db/connect.ts'
import { retryTransient } from '../../db/retry.ts'
import { addJobs } from '../../execution/jobs.ts'
import type { FlowCatalog } from '../../flows/flow-catalog.ts'
import { liveFlow } from '../live-trigger.ts'
import { fanoutJobSpec, scheduleZone, tickJobSpec, type TickPayload } from './schedule-jobs.ts'

export interface TriggerDeps {
  db: Db
  catalog: FlowCatalog
  clock: Clock
}

/**
 * A tick picked up later than this was missed (Kairos was down, or its
 * workers were): a trigger with `missed: "skip"` records it as skipped
 * instead of entering its audience hours late.
 */
export const MISSED_AFTER_MS = 5 * 60_000

/**
 * Starts one tick of a schedule trigger. In one transaction it queues the
 * next tick (from now, so ticks missed while down collapse into this one),
 * records the tick (its unique key turns a second sighting of the same tick
 * into a no-op), snapshots the audience, and queues the fan-out that enrolls
 * it. A paused flow's ticks are recorded as skipped; a flow archived, or whose
 * live version no longer has this trigger, stops scheduling.
 */
export function runTick(deps: TriggerDeps, payload: TickPayload): Promise<void> {
  return retryTransient(() => deps.db.transaction().execute(async (trx) => void (await startTick(trx, deps, payload))))
}

/**
 * `runTick`'s work in the caller's transaction, on `deps.clock`'s time.
 * Returns the id of the tick recorded as running (its fan-out is queued), or
 * null when none is (skipped, failed, already seen, or no longer scheduled).
 */
export async function startTick(trx: Db, deps: TriggerDeps, payload: TickPayload): Promise<string | null> {
  const now = deps.clock.now()
  const tickAt = new Date(payload.tickAt)
  const live = await liveFlow(trx, deps.catalog, payload.flow)
  if (!live || live.status === 'archived') return null
  const trigger = live.flow.scheduleTriggers.find((t) => t.nodeId === payload.node)
  if (!trigger) return null
  const next = nextCronTick(trigger.cron, tickAt.getTime() > now.getTime() ? tickAt : now, scheduleZone(trigger, live.flow))
  if (next) await addJobs(trx, [tickJobSpec(payload.flow, payload.node, next)])

  const lateMs = now.getTime() - tickAt.getTime()
  // A null audience on a running tick means everyone.
  let outcome: { status: 'running' | 'skipped' | 'failed'; reason: string | null; audience: Condition | null }
  if (live.status !== 'active') outcome = { status: 'skipped', reason: 'the flow was paused', audience: null }
  else if (lateMs > MISSED_AFTER_MS && trigger.missed === 'skip')
    outcome = { status: 'skipped', reason: `missed: picked up ${Math.round(lateMs / 60_000)} min late, and missed is "skip"`, audience: null }
  else {
    const audience = await resolveAudience(trx, trigger.audience)
    outcome = 'problem' in audience ? { status: 'failed', reason: audience.problem, audience: null } : { status: 'running', reason: null, audience: audience.condition }
  }
  const { rows } = await sql<{ id: string }>`insert into schedule_ticks
        (flow_id, flow_version, node_id, tick_at, status, reason, audience, started_at, finished_at)
      values (${payload.flow}, ${live.version}, ${payload.node}, ${tickAt}, ${outcome.status}, ${outcome.reason},
        ${outcome.audience === null ? null : JSON.stringify(outcome.audience)}::jsonb, ${now}, ${outcome.status === 'running' ? null : now})
      on conflict (flow_id, node_id, tick_at) do nothing
      returning id`.execute(trx)
  if (rows.length === 0 || outcome.status !== 'running') return null
  await addJobs(trx, [fanoutJobSpec(rows[0].id, now)])
  return rows[0].id
}

/** The condition a tick enters by: the segment's as it stands now, or the trigger's own (null: everyone). */
async function resolveAudience(trx: Db, audience: Audience): Promise<{ condition: Condition | null } | { problem: string }> {
  if (audience.everyone) return { condition: null }
  if (audience.condition !== undefined) return { condition: audience.condition }
  const segment = await trx.selectFrom('segments').select('condition').where('id', '=', audience.segment!).executeTakeFirst()
  return segment ? { condition: segment.condition as Condition } : { problem: `segment ${audience.segment} no longer exists` }
}
