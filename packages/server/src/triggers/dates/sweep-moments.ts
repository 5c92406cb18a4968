import { sql } from 'kysely'
import { readPath, type EventSnapshot } from '@kairos/sdk'
import type { Db } from '../../db/connect.ts'
import { retryTransient } from '../../db/retry.ts'
import { addJobs } from '../../execution/jobs.ts'
import { lockContacts } from '../../contacts/lock-contacts.ts'
import { conditionSql } from '../../segments/condition-sql.ts'
import { enterContacts } from '../enter-contacts.ts'
import { liveFlow, type LiveFlow } from '../live-trigger.ts'
import type { TriggerDeps } from '../schedule/run-tick.ts'
import { nextMoment } from './date-moment.ts'
import { dateSweepJobSpec, nextMinute } from './date-jobs.ts'

/** Moments handled per transaction. */
export const SWEEP_BATCH = 1000
/** A moment found more than a day late (Kairos was down) is passed over: a birthday greeting two days late is worse than none. */
export const MOMENT_LATE_LIMIT_MS = 24 * 3_600_000

interface DueMoment {
  flow_id: string
  node_id: string
  contact_id: string
  due_at: Date
  occurrence: string
}

/**
 * Enters every contact whose date-trigger moment is due, batch by batch,
 * then queues the next sweep for the start of the next minute. Each moment is
 * consumed once: entering and moving it to its next occurrence commit
 * together, under the contact's lock.
 */
export async function sweepMoments(deps: TriggerDeps): Promise<void> {
  while (await retryTransient(() => deps.db.transaction().execute((trx) => sweepBatch(trx, deps)))) {
    // Each batch commits on its own.
  }
  await addJobs(deps.db, [dateSweepJobSpec(nextMinute(deps.clock.now()))])
}

/**
 * One batch of due moments, in the caller's transaction, on `deps.clock`'s
 * time; true when more may be due. `options.flowId` sweeps that flow's moments
 * only (a journey simulation's own flow).
 */
export async function sweepBatch(trx: Db, deps: TriggerDeps, options: { flowId?: string } = {}): Promise<boolean> {
  const now = deps.clock.now()
  const ofFlow = options.flowId === undefined ? sql`` : sql`and flow_id = ${options.flowId}`
  // Read without locks, then lock the contacts, then the moments: the order every contact write takes.
  const { rows: peek } = await sql<{ contact_id: string }>`select contact_id from date_trigger_moments
      where due_at <= ${now} ${ofFlow} order by due_at limit ${SWEEP_BATCH}`.execute(trx)
  if (peek.length === 0) return false
  const contacts = new Map((await lockContacts(trx, { ids: [...new Set(peek.map((r) => r.contact_id))] })).map((c) => [c.id, c]))
  const { rows: due } = await sql<DueMoment>`select flow_id, node_id, contact_id, due_at, occurrence from date_trigger_moments
      where contact_id = any(${[...contacts.keys()]}::bigint[]) and due_at <= ${now} ${ofFlow}
      order by flow_id, node_id, contact_id for update`.execute(trx)

  const updates: Array<{ flow_id: string; node_id: string; contact_id: string; due_at: Date | null; occurrence: string | null; fired: string | null }> = []
  const flows = new Map<string, LiveFlow | null>()
  for (const group of groupBy(due, (m) => `${m.flow_id}|${m.node_id}`)) {
    const { flow_id: flowId, node_id: nodeId } = group[0]
    if (!flows.has(flowId)) flows.set(flowId, await liveFlow(trx, deps.catalog, flowId))
    const live = flows.get(flowId)!
    const trigger = live?.flow.dateTriggers.find((t) => t.nodeId === nodeId)
    if (!live || !trigger || live.status === 'archived') {
      // The trigger left the live version: its moments go with it.
      for (const m of group) updates.push({ ...m, due_at: null, occurrence: null, fired: null })
      continue
    }
    // Paused flows and moments a day late let no one in; the moment is still used up.
    const eligible = live.status === 'active' ? group.filter((m) => now.getTime() - m.due_at.getTime() <= MOMENT_LATE_LIMIT_MS) : []
    let matching = eligible.map((m) => m.contact_id)
    if (trigger.condition && matching.length > 0)
      matching = (
        await trx.selectFrom('contacts as c').select('c.id').where('c.id', 'in', matching).where(conditionSql(trigger.condition, { now })).execute()
      ).map((c) => c.id)
    const matched = new Set(matching)
    const entrants = eligible
      .filter((m) => matched.has(m.contact_id))
      .map((m) => ({ contactId: m.contact_id, trigger: momentSnapshot(m, trigger.attribute, contacts.get(m.contact_id)!.attributes) }))
    const entered = new Set(await enterContacts(trx, { flowId, version: live.version, nodeId, flow: live.flow }, entrants, now))
    for (const m of group) {
      const attributes = contacts.get(m.contact_id)!.attributes
      const fired = entered.has(m.contact_id) ? m.occurrence : null
      const next = nextMoment(trigger, attributes, live.flow.settings.timezone, now, fired ?? m.occurrence)
      updates.push({ ...m, due_at: next?.dueAt ?? null, occurrence: next?.occurrence ?? null, fired })
    }
  }
  if (updates.length > 0)
    await sql`update date_trigger_moments m set due_at = u.due_at, occurrence = u.occurrence,
          fired_occurrence = coalesce(u.fired, m.fired_occurrence)
        from json_to_recordset(${JSON.stringify(updates)}::json) as u(flow_id uuid, node_id text, contact_id bigint,
          due_at timestamptz, occurrence text, fired text)
        where m.flow_id = u.flow_id and m.node_id = u.node_id and m.contact_id = u.contact_id`.execute(trx)
  return peek.length === SWEEP_BATCH
}

/** What the run sees as `event`: which date, which occurrence. */
function momentSnapshot(moment: DueMoment, attribute: string, attributes: Record<string, unknown>): EventSnapshot {
  return {
    id: `date:${moment.flow_id}:${moment.node_id}:${moment.contact_id}:${moment.occurrence}`,
    name: 'date.reached',
    properties: { attribute, value: readPath(attributes, attribute) ?? null, occurrence: moment.occurrence, dueAt: moment.due_at },
    occurredAt: new Date(moment.due_at).toISOString(),
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  }
  return [...groups.values()]
}
