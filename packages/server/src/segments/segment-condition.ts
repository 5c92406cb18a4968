import { validateCondition, type Problem } from '@kairos/sdk'

/**
 * Every problem in a segment's condition at once, each with its path
 * (`body.condition.all[1].op`): the condition language's own checks, plus
 * `since: "entry"`, which means "since this run started" and a segment has no run.
 */
export function segmentConditionProblems(condition: unknown, field = 'condition'): Problem[] {
  return [...validateCondition(condition, field), ...entryProblems(condition, field)]
}

/** Walks whatever tree it is given (valid or not), so these problems come with the others. */
function entryProblems(node: unknown, field: string): Problem[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return []
  const record = node as Record<string, unknown>
  const problems: Problem[] = []
  for (const kind of ['all', 'any'] as const) {
    const list = record[kind]
    if (Array.isArray(list)) list.forEach((child, i) => problems.push(...entryProblems(child, `${field}.${kind}[${i}]`)))
  }
  if ('not' in record) problems.push(...entryProblems(record.not, `${field}.not`))
  if ('event' in record && record.since === 'entry')
    problems.push({ field: `${field}.since`, message: 'a segment has no run to enter; use a duration such as 7d' })
  return problems
}
