import { compare, readPath } from './compare.ts'
import { OPERATORS, type Operator } from './types.ts'
import type { Problem } from '../problem.ts'

/**
 * A filter on an event's properties: each key is a property path, each value
 * either a literal (equality) or an operator object such as `{ "gte": 100 }`.
 */
export type Where = Record<string, unknown>

function isOperatorObject(value: unknown): value is Partial<Record<Operator, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((key) => (OPERATORS as readonly string[]).includes(key))
}

/** True when every entry of `where` holds for `properties`. */
export function matchesWhere(where: Where | undefined, properties: Record<string, unknown>): boolean {
  if (!where) return true
  for (const [path, rule] of Object.entries(where)) {
    const actual = readPath(properties, path)
    if (isOperatorObject(rule)) {
      for (const [op, expected] of Object.entries(rule)) if (!compare(actual, op as Operator, expected)) return false
    } else if (!compare(actual, 'eq', rule)) return false
  }
  return true
}

/** Structural problems in a `where` object, each with its field path. */
export function validateWhere(where: unknown, field: string): Problem[] {
  if (where === undefined) return []
  if (where === null || typeof where !== 'object' || Array.isArray(where))
    return [{ field, message: 'must be an object of property → value or { operator: value }' }]
  const problems: Problem[] = []
  for (const [path, rule] of Object.entries(where)) {
    if (rule !== null && typeof rule === 'object' && !Array.isArray(rule) && !isOperatorObject(rule))
      problems.push({ field: `${field}.${path}`, message: `unknown operator; use one of ${OPERATORS.join(', ')}` })
  }
  return problems
}
