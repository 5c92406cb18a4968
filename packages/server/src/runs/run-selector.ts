import { type ExpressionBuilder, type Expression, type SqlBool } from 'kysely'
import { isDuration, parseDuration } from '@kairos/sdk'
import type { Database } from '../db/database.ts'
import { KairosError, type ErrorDetail } from '../errors.ts'
import type { RunSelector } from '../schemas/run-admin.ts'

/** A selector checked and resolved: what a bulk action may touch, with durations in milliseconds. */
export interface ResolvedSelector {
  ids?: string[]
  flowId?: string
  node?: string
  /** The statuses the action applies to (narrowed by the selector's `status`). */
  statuses: string[]
  stuckForMs?: number
}

/**
 * Checks a bulk action's selector beyond its schema: it names runs (`ids`) or
 * a flow (`flowId`); `node`, `status` and `stuckFor` narrow a flow; `status`
 * is one the action takes. Every problem at once, each naming its field.
 */
export function resolveSelector(selector: RunSelector, action: { name: string; statuses: string[] }): ResolvedSelector {
  const problems: ErrorDetail[] = []
  if (!selector.ids && !selector.flowId) problems.push({ field: 'body.flowId', message: 'is required when ids is not given (name a flow or a list of run ids)' })
  for (const field of ['node', 'status', 'stuckFor'] as const)
    if (selector[field] !== undefined && !selector.flowId) problems.push({ field: `body.${field}`, message: 'narrows a flow: give flowId too' })
  if (selector.status && !action.statuses.includes(selector.status))
    problems.push({ field: 'body.status', message: `${action.name} takes ${action.statuses.join(' or ')} runs, not ${selector.status}` })
  if (selector.stuckFor !== undefined && !isDuration(selector.stuckFor)) problems.push({ field: 'body.stuckFor', message: 'is not a duration between 1ms and 3650d' })
  if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems)
  return {
    ids: selector.ids,
    flowId: selector.flowId,
    node: selector.node,
    statuses: selector.status ? [selector.status] : action.statuses,
    stuckForMs: selector.stuckFor === undefined ? undefined : parseDuration(selector.stuckFor),
  }
}

type RunsExpression = ExpressionBuilder<Database, 'runs'>

/**
 * "Stuck for at least `ms` at `now`": failed; waiting with its wake time that
 * long past; or running (due at once) that long after it reached its node.
 * Runs a paused flow holds are not stuck: they wait for the flow to resume.
 */
export function stuckCondition(eb: RunsExpression, now: Date, ms: number): Expression<SqlBool> {
  const cutoff = new Date(now.getTime() - ms)
  return eb.or([
    eb('runs.status', '=', 'failed'),
    eb.and([eb('runs.status', '=', 'waiting'), eb('runs.held_at', 'is', null), eb('runs.wake_at', '<', cutoff)]),
    eb.and([eb('runs.status', '=', 'running'), eb('runs.held_at', 'is', null), eb('runs.node_entered_at', '<', cutoff)]),
  ])
}

/** The selector as one WHERE condition on `runs`, for selecting a batch and again for re-checking it under the locks. */
export function selectorCondition(eb: RunsExpression, selector: ResolvedSelector, now: Date): Expression<SqlBool> {
  const parts: Array<Expression<SqlBool>> = [eb('runs.status', 'in', selector.statuses)]
  if (selector.ids) parts.push(eb('runs.id', 'in', selector.ids))
  if (selector.flowId) parts.push(eb('runs.flow_id', '=', selector.flowId))
  if (selector.node) parts.push(eb('runs.node_id', '=', selector.node))
  if (selector.stuckForMs !== undefined) parts.push(stuckCondition(eb, now, selector.stuckForMs))
  return parts.length === 1 ? parts[0] : eb.and(parts)
}

/** For the audit entry: the selector as the caller gave it, without empty fields. */
export function describeSelector(selector: RunSelector): Record<string, unknown> {
  return Object.fromEntries(Object.entries(selector).filter(([, value]) => value !== undefined))
}
