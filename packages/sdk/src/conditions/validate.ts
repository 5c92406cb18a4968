import { isDuration } from '../duration.ts'
import type { Problem } from '../problem.ts'
import { OPERATORS } from './types.ts'
import { validateWhere } from './where.ts'

const SHAPES: Record<string, { required: string[]; allowed: string[] }> = {
  all: { required: ['all'], allowed: ['all'] },
  any: { required: ['any'], allowed: ['any'] },
  not: { required: ['not'], allowed: ['not'] },
  attribute: { required: ['attribute', 'op'], allowed: ['attribute', 'op', 'value'] },
  tag: { required: ['tag'], allowed: ['tag'] },
  event: { required: ['event'], allowed: ['event', 'since', 'within', 'where', 'count'] },
}
const COUNT_KEYS = ['eq', 'gt', 'gte', 'lt', 'lte']

/**
 * Every problem in a condition tree, each with its path (`when.all[1].op`).
 * Unknown keys are errors, never a silent false.
 */
export function validateCondition(condition: unknown, field = 'condition'): Problem[] {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition))
    return [{ field, message: 'must be a condition object (all, any, not, attribute, tag or event)' }]
  const node = condition as Record<string, unknown>
  const kind = Object.keys(SHAPES).find((key) => key in node)
  if (!kind) return [{ field, message: `unknown condition; use one of ${Object.keys(SHAPES).join(', ')}` }]
  const shape = SHAPES[kind]
  const problems: Problem[] = []
  for (const key of Object.keys(node))
    if (!shape.allowed.includes(key)) problems.push({ field: `${field}.${key}`, message: `unknown key in a ${kind} condition` })
  for (const key of shape.required)
    if (node[key] === undefined) problems.push({ field: `${field}.${key}`, message: 'is required' })

  switch (kind) {
    case 'all':
    case 'any': {
      const list = node[kind]
      if (!Array.isArray(list) || list.length === 0) problems.push({ field: `${field}.${kind}`, message: 'must be a non-empty list' })
      else list.forEach((child, i) => problems.push(...validateCondition(child, `${field}.${kind}[${i}]`)))
      break
    }
    case 'not':
      problems.push(...validateCondition(node.not, `${field}.not`))
      break
    case 'attribute':
      if (typeof node.attribute !== 'string' || node.attribute === '')
        problems.push({ field: `${field}.attribute`, message: 'must be an attribute name' })
      if (node.op === undefined) break
      if (!(OPERATORS as readonly unknown[]).includes(node.op))
        problems.push({ field: `${field}.op`, message: `must be one of ${OPERATORS.join(', ')}` })
      else if (node.op !== 'exists' && node.value === undefined) problems.push({ field: `${field}.value`, message: 'is required' })
      else if (node.op === 'in' && !Array.isArray(node.value)) problems.push({ field: `${field}.value`, message: 'must be a list for "in"' })
      break
    case 'tag':
      if (typeof node.tag !== 'string' || node.tag === '') problems.push({ field: `${field}.tag`, message: 'must be a tag name' })
      break
    case 'event':
      if (typeof node.event !== 'string' || node.event === '') problems.push({ field: `${field}.event`, message: 'must be an event name' })
      if (node.since !== undefined && node.since !== 'entry' && !isDuration(node.since))
        problems.push({ field: `${field}.since`, message: 'must be "entry" or a duration such as 7d' })
      if (node.within !== undefined && !isDuration(node.within))
        problems.push({ field: `${field}.within`, message: 'must be a duration such as 7d' })
      problems.push(...validateWhere(node.where, `${field}.where`))
      if (node.count !== undefined) {
        const count = node.count as Record<string, unknown>
        if (count === null || typeof count !== 'object' || Object.keys(count).length === 0)
          problems.push({ field: `${field}.count`, message: 'must be an object such as { "gte": 3 }' })
        else
          for (const [key, value] of Object.entries(count)) {
            if (!COUNT_KEYS.includes(key)) problems.push({ field: `${field}.count.${key}`, message: `unknown key; use ${COUNT_KEYS.join(', ')}` })
            else if (typeof value !== 'number' || value < 0) problems.push({ field: `${field}.count.${key}`, message: 'must be a number ≥ 0' })
          }
      }
      break
  }
  return problems
}
