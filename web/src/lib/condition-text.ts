// One line of plain words for a condition, for the canvas and collapsed builder rows.
import type { Condition } from '../api/types.ts'
import { describeDuration } from './duration.ts'

const OPS: Record<string, string> = {
  eq: 'is', ne: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'is one of', contains: 'contains', exists: 'is set', startsWith: 'starts with',
}

function value(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v)
}

export function describeCondition(condition: Condition | undefined | null): string {
  if (!condition || typeof condition !== 'object') return 'no condition'
  if ('all' in condition) return condition.all.length === 0 ? 'no condition yet' : condition.all.map(describeCondition).join(' and ')
  if ('any' in condition) return condition.any.length === 0 ? 'no condition yet' : `(${condition.any.map(describeCondition).join(' or ')})`
  if ('not' in condition) return `not ${describeCondition(condition.not)}`
  if ('tag' in condition) return `has tag "${condition.tag}"`
  if ('attribute' in condition)
    return condition.op === 'exists' ? `${condition.attribute} is set` : `${condition.attribute} ${OPS[condition.op] ?? condition.op} ${value(condition.value)}`
  if ('event' in condition) {
    const since = condition.since === 'entry' ? ' since entry' : condition.since ? ` in the last ${describeDuration(condition.since) ?? condition.since}` : ''
    const within = condition.within ? ` within ${describeDuration(condition.within) ?? condition.within}` : ''
    return `did ${condition.event || '…'}${since}${within}`
  }
  return 'condition'
}
