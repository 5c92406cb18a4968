import { Type } from 'typebox'
import type { Where } from './where.ts'

/** Comparison operators shared by attribute conditions and event `where` filters. */
export const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists', 'startsWith'] as const
export type Operator = (typeof OPERATORS)[number]

/** How many matching events an event condition asks for (default `{ gte: 1 }`). */
export interface CountRule {
  eq?: number
  gt?: number
  gte?: number
  lt?: number
  lte?: number
}

/**
 * The condition language: one JSON tree for branches, trigger filters, exit
 * rules and audiences. `since` is `entry` (since the run started) or a duration
 * back from now; `within` is a duration back from now.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { attribute: string; op: Operator; value?: unknown }
  | { tag: string }
  | { event: string; since?: string; within?: string; where?: Where; count?: CountRule }

/**
 * Schema for a condition inside a node config. The tree is checked by
 * `validateCondition` (so errors name the exact path); the `x-kairos-widget`
 * keyword tells the editor to draw its condition builder.
 */
export const ConditionSchema = Type.Unsafe<Condition>({
  type: 'object',
  'x-kairos-widget': 'condition',
  description: 'A condition: all / any / not, attribute, tag or event',
})
