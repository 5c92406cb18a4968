// The kinds of condition the builder offers, and a blank of each to start from.
import type { Condition } from '../../../api/types.ts'

export type ConditionKind = 'all' | 'any' | 'not' | 'attribute' | 'tag' | 'event'

/** The kinds in the order the picker offers them; their names are `config.condition.kinds.<kind>`. */
export const KINDS: readonly ConditionKind[] = ['all', 'any', 'not', 'attribute', 'tag', 'event']

export function kindOf(condition: Condition): ConditionKind {
  for (const kind of ['all', 'any', 'not', 'attribute', 'tag', 'event'] as const) if (kind in condition) return kind
  return 'all'
}

/** A blank condition of `kind`; a group switched to the other group kind keeps its children. */
export function blank(kind: ConditionKind, from?: Condition): Condition {
  const children = from && ('all' in from ? from.all : 'any' in from ? from.any : null)
  switch (kind) {
    case 'all':
      return { all: children ?? [] }
    case 'any':
      return { any: children ?? [] }
    case 'not':
      return { not: from && kindOf(from) !== 'not' ? from : { tag: '' } }
    case 'attribute':
      return { attribute: '', op: 'eq', value: '' }
    case 'tag':
      return { tag: '' }
    case 'event':
      return { event: '', since: 'entry' }
  }
}
