import { sql } from 'kysely'
import type { CompiledFlow, FlowProblem } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { addJobs } from '../execution/jobs.ts'
import { segmentConditionProblems } from '../segments/segment-condition.ts'
import { dateSyncJobSpec } from './dates/date-jobs.ts'
import { attributeKey } from './dates/refresh-moments.ts'
import { planTicks } from './schedule/schedule-jobs.ts'
import { planAutoWinnerChecks } from '../experiments/auto-winner-job.ts'

/**
 * Writes a new version's hook rows, in its publishing transaction: the events
 * that enter, exit and convert it (ingestion finds flows by event name with
 * them) and the attributes its date and change triggers read.
 */
export async function writeVersionHooks(trx: Db, flowId: string, version: number, flow: CompiledFlow): Promise<void> {
  const hooks = [
    ...flow.eventTriggers.map((t) => ({ flow_id: flowId, version, kind: 'enter' as const, event_name: t.event, node_id: t.nodeId })),
    ...[...new Set(flow.settings.exitOn)].map((event) => ({ flow_id: flowId, version, kind: 'exit' as const, event_name: event, node_id: '' })),
    ...(flow.settings.goal ? [{ flow_id: flowId, version, kind: 'goal' as const, event_name: flow.settings.goal.event, node_id: '' }] : []),
    ...attributeHooks(flowId, version, flow),
  ]
  if (hooks.length > 0) await trx.insertInto('flow_event_hooks').values(hooks).onConflict((oc) => oc.doNothing()).execute()
}

/** Hook rows for the attribute-driven triggers: contact writes find them by attribute. */
export function attributeHooks(flowId: string, version: number, flow: CompiledFlow) {
  return [
    ...flow.dateTriggers.map((t) => ({ flow_id: flowId, version, kind: 'date' as const, event_name: attributeKey(t.attribute), node_id: t.nodeId })),
    ...flow.changeTriggers.map((t) => ({ flow_id: flowId, version, kind: 'change' as const, event_name: attributeKey(t.attribute), node_id: t.nodeId })),
  ]
}

/**
 * Problems only the database can see, checked at publish: a schedule's
 * segment must exist, and audience conditions are evaluated in SQL with no
 * run to measure `since: "entry"` from.
 */
export async function triggerProblems(trx: Db, flow: CompiledFlow): Promise<FlowProblem[]> {
  const problems: FlowProblem[] = []
  for (const trigger of flow.scheduleTriggers) {
    const { segment, condition } = trigger.audience
    if (condition !== undefined)
      for (const p of segmentConditionProblems(condition, 'config.condition')) problems.push({ node: trigger.nodeId, ...p })
    if (segment !== undefined) {
      // Key share: a concurrent delete of this segment waits for the publish, then sees the flow using it.
      const found = await trx.selectFrom('segments').select('id').where('id', '=', segment).forKeyShare().executeTakeFirst()
      if (!found) problems.push({ node: trigger.nodeId, field: 'config.segment', message: `segment ${segment} does not exist` })
    }
  }
  for (const trigger of flow.dateTriggers)
    if (trigger.condition !== undefined)
      for (const p of segmentConditionProblems(trigger.condition, 'config.condition')) problems.push({ node: trigger.nodeId, ...p })
  return problems
}

/**
 * Sets a newly published version's scheduled triggers going, in the publish
 * transaction: the next tick of each schedule is queued (replacing the
 * previous version's), and, when this version or an earlier one has date
 * triggers, a job computes every contact's moments (and drops those of
 * triggers this version removed).
 */
export async function startTriggers(trx: Db, flowId: string, version: number, flow: CompiledFlow, now: Date): Promise<void> {
  await planTicks(trx, flowId, flow, now)
  const { rows } = await sql`select 1 from date_trigger_moments where flow_id = ${flowId} limit 1`.execute(trx)
  if (flow.dateTriggers.length > 0 || rows.length > 0) await addJobs(trx, [dateSyncJobSpec(flowId, version, now)])
  await planAutoWinnerChecks(trx, flowId, version, { nodes: [...flow.nodes.values()].map((n) => n.node) }, now)
}
