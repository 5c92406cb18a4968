import type { Operator } from './types.ts'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

function asTime(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const time = Date.parse(value)
    return Number.isNaN(time) ? undefined : time
  }
  return undefined
}

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/

/** A number, or a string holding one (attributes synced from other systems often arrive as text). */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value)
  return undefined
}

/** Orders two values: dates as dates, numbers (or numeric text) as numbers, else text as text. */
function order(left: unknown, right: unknown): number | undefined {
  const [lt, rt] = [asTime(left), asTime(right)]
  if (lt !== undefined && rt !== undefined) return lt - rt
  const [ln, rn] = [asNumber(left), asNumber(right)]
  if (ln !== undefined && rn !== undefined) return ln - rn
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0
  return undefined
}

/** Equal values; a number equals its text ("75" = 75), but two texts must match exactly ("0123" ≠ "123"). */
function equal(left: unknown, right: unknown): boolean {
  if (left === right) return true
  if (typeof left === 'string' && typeof right === 'string') {
    const [lt, rt] = [asTime(left), asTime(right)]
    return lt !== undefined && rt !== undefined && lt === rt
  }
  return order(left, right) === 0
}

/** Applies one operator: `actual` comes from the contact or event, `expected` from the rule. */
export function compare(actual: unknown, op: Operator, expected: unknown): boolean {
  switch (op) {
    case 'exists':
      return (actual !== undefined && actual !== null) === (expected === undefined ? true : Boolean(expected))
    case 'eq':
      return equal(actual, expected)
    case 'ne':
      return !equal(actual, expected)
    case 'in':
      return Array.isArray(expected) && expected.some((item) => equal(actual, item))
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => equal(item, expected))
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected)
    case 'startsWith':
      return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected)
    default: {
      if (actual === undefined || actual === null) return false
      const cmp = order(actual, expected)
      if (cmp === undefined) return false
      return op === 'gt' ? cmp > 0 : op === 'gte' ? cmp >= 0 : op === 'lt' ? cmp < 0 : cmp <= 0
    }
  }
}

/** Reads `a.b.c` out of a nested object. */
export function readPath(source: unknown, path: string): unknown {
  let current: unknown = source
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}
