import { parseDuration } from '../duration.ts'
import { compare, readPath } from './compare.ts'
import type { Condition, CountRule } from './types.ts'
import type { Where } from './where.ts'

/** A question about the contact's event history, answered by whoever holds the events. */
export interface EventCountQuery {
  name: string
  /** Only events that occurred at or after this time. */
  after?: Date
  where?: Where
  /** Stop counting past this number: the rule needs no more to decide. */
  limit: number
}

/** What a condition is evaluated against. */
export interface ConditionEnv {
  contact: { attributes: Record<string, unknown>; tags: string[] }
  now: Date
  /** When the run started, for `since: "entry"`. */
  runEnteredAt?: Date
  countEvents(query: EventCountQuery): Promise<number>
}

function countHolds(count: number, rule: CountRule): boolean {
  if (rule.eq !== undefined && count !== rule.eq) return false
  if (rule.gt !== undefined && !(count > rule.gt)) return false
  if (rule.gte !== undefined && !(count >= rule.gte)) return false
  if (rule.lt !== undefined && !(count < rule.lt)) return false
  if (rule.lte !== undefined && !(count <= rule.lte)) return false
  return true
}

/**
 * How many events a query must count at most to settle every bound of the
 * rule (so it can stop early): `gte n` and `lt n` need n; `gt n`, `lte n` and
 * `eq n` need n + 1 to tell "exactly n" from "more".
 */
function countLimit(rule: CountRule): number {
  const needs = [
    rule.gte, rule.lt,
    rule.gt === undefined ? undefined : rule.gt + 1,
    rule.lte === undefined ? undefined : rule.lte + 1,
    rule.eq === undefined ? undefined : rule.eq + 1,
  ].filter((n): n is number => n !== undefined)
  // Counts are whole: counting to the next whole number decides `gte: 2.5` too, and SQL's LIMIT takes only integers.
  return Math.max(1, ...needs.map(Math.ceil))
}

/** Evaluates a condition tree. Assumes `validateCondition` found no problems. */
export async function evaluateCondition(condition: Condition, env: ConditionEnv): Promise<boolean> {
  if ('all' in condition) {
    for (const child of condition.all) if (!(await evaluateCondition(child, env))) return false
    return true
  }
  if ('any' in condition) {
    for (const child of condition.any) if (await evaluateCondition(child, env)) return true
    return false
  }
  if ('not' in condition) return !(await evaluateCondition(condition.not, env))
  if ('tag' in condition) return env.contact.tags.includes(condition.tag)
  if ('attribute' in condition)
    return compare(readPath(env.contact.attributes, condition.attribute), condition.op, condition.value)

  const rule = condition.count ?? { gte: 1 }
  const starts: number[] = []
  if (condition.since === 'entry') starts.push((env.runEnteredAt ?? env.now).getTime())
  else if (condition.since) starts.push(env.now.getTime() - parseDuration(condition.since))
  if (condition.within) starts.push(env.now.getTime() - parseDuration(condition.within))
  const after = starts.length > 0 ? new Date(Math.max(...starts)) : undefined
  const count = await env.countEvents({ name: condition.event, after, where: condition.where, limit: countLimit(rule) })
  return countHolds(count, rule)
}
