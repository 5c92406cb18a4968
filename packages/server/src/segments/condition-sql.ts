import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { OPERATORS, parseDuration, type Condition, type CountRule, type Operator, type Where } from '@kairos/sdk'
import { compareSql } from './compare-sql.ts'
import { jsonPath } from './json-values-sql.ts'

export interface ConditionSqlOptions {
  /** The instant event windows (`within: "7d"`, `since: "30d"`) count back from. */
  now: Date
  /**
   * Zone of date-times stored without an offset (`2025-05-01T09:00`): JS reads
   * them as local time, so the default is this process' zone, and SQL agrees
   * with `evaluateCondition` run in the same process.
   */
  timeZone?: string
}

const TRUE = sql<SqlBool>`true`
const FALSE = sql<SqlBool>`false`

/** The zone `Date.parse` uses for date-times without an offset in this process. */
export function processTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/**
 * Compiles a condition (already checked by `validateCondition`, and by
 * `segmentConditionProblems` for `since`) into a boolean SQL expression over
 * `contacts as c`, with every value from the rule as a bind parameter. It
 * means what `evaluateCondition` means (docs/segments.md lists the few edge
 * cases where it does not), and it is always true or false, never NULL, so
 * `not` keeps its meaning.
 *
 * @example
 * db.selectFrom('contacts as c').select('c.id')
 *   .where(conditionSql({ tag: 'vip' }, { now: new Date() }))
 */
export function conditionSql(condition: Condition, options: ConditionSqlOptions): RawBuilder<SqlBool> {
  const context = { now: options.now.getTime(), timeZone: options.timeZone ?? processTimeZone() }
  return compile(condition, context, true)
}

interface Context {
  now: number
  timeZone: string
}

/**
 * `top` is true while the path from the root has only passed through `all`:
 * there a condition filters the whole audience, so Postgres can join on it
 * (see `eventSql`); under `any` and `not` it is tested contact by contact.
 */
function compile(condition: Condition, context: Context, top: boolean): RawBuilder<SqlBool> {
  if ('all' in condition) return sql`(${sql.join(condition.all.map((child) => compile(child, context, top)), sql` and `)})`
  if ('any' in condition) return sql`(${sql.join(condition.any.map((child) => compile(child, context, false)), sql` or `)})`
  if ('not' in condition) return sql`(not ${compile(condition.not, context, false)})`
  // `@>` rather than `= any(c.tags)`: the same answer (tags is never NULL), and the GIN index on tags can serve it.
  if ('tag' in condition) return sql`(c.tags @> array[${condition.tag}]::text[])`
  if ('attribute' in condition)
    return compareSql(jsonPath(sql`c.attributes`, condition.attribute), condition.op, condition.value, context.timeZone)
  return eventSql(condition, context, top)
}

type EventCondition = Extract<Condition, { event: string }>

/**
 * Events of one name in a window, counted only as far as the rule needs.
 * "At least one" and "none" are `exists` / `not exists`, which Postgres turns
 * into a semi- or anti-join (or a hashed subplan) by itself. Other bounds are
 * a count: where the condition filters the whole audience (`top`) as
 * `c.id in (… group by contact_id having count(*) …)`, one pass over the
 * window (served by the events(name, occurred_at) index) joined to contacts;
 * elsewhere as a correlated count per contact on events(contact_id, name,
 * occurred_at), capped at the bound, because a nested `in` could fall back to
 * rescanning the subquery for every contact when its result outgrows work_mem.
 */
function eventSql(condition: EventCondition, context: Context, top: boolean): RawBuilder<SqlBool> {
  if (condition.since === 'entry') throw new Error('since "entry" needs a run; segment conditions must be checked with segmentConditionProblems')
  const starts = [condition.since, condition.within].filter((d): d is string => d !== undefined).map((d) => context.now - parseDuration(d))
  const filters = [sql`e.name = ${condition.event}`]
  if (starts.length > 0) filters.push(sql`e.occurred_at >= ${new Date(Math.max(...starts)).toISOString()}::timestamptz`)
  filters.push(...whereSql(condition.where, context))
  const matching = sql`select 1 from events e where e.contact_id = c.id and ${sql.join(filters, sql` and `)}`
  const { lo, hi } = countRange(condition.count ?? { gte: 1 })
  if (hi < lo) return FALSE
  if (lo === 0 && hi === Infinity) return TRUE
  if (lo === 1 && hi === Infinity) return sql`exists (${matching})`
  if (hi === 0) return sql`(not exists (${matching}))`
  if (top && lo >= 1) {
    const counted = hi === Infinity ? sql`count(*) >= ${lo}` : sql`count(*) between ${lo} and ${hi}`
    return sql`c.id in (select e.contact_id from events e where ${sql.join(filters, sql` and `)} group by e.contact_id having ${counted})`
  }
  const limit = hi === Infinity ? lo : hi + 1
  return sql`((select count(*) from (${matching} limit ${limit}) as hits) between ${lo} and ${hi === Infinity ? limit : hi})`
}

/** The whole numbers of events a count rule accepts, as `lo..hi` (hi may be Infinity; hi < lo when none). */
export function countRange(rule: CountRule): { lo: number; hi: number } {
  let lo = 0
  let hi = Infinity
  if (rule.gte !== undefined) lo = Math.max(lo, Math.ceil(rule.gte))
  if (rule.gt !== undefined) lo = Math.max(lo, Math.floor(rule.gt) + 1)
  if (rule.lte !== undefined) hi = Math.min(hi, Math.floor(rule.lte))
  if (rule.lt !== undefined) hi = Math.min(hi, Math.ceil(rule.lt) - 1)
  if (rule.eq !== undefined) {
    if (!Number.isInteger(rule.eq)) return { lo: 1, hi: 0 }
    lo = Math.max(lo, rule.eq)
    hi = Math.min(hi, rule.eq)
  }
  return { lo, hi }
}

/** Same test as @kairos/sdk's where.ts: an object whose every key is an operator. */
function isOperatorObject(value: unknown): value is Partial<Record<Operator, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((key) => (OPERATORS as readonly string[]).includes(key))
}

/** `matchesWhere` on `e.properties`: a literal means `eq`, an operator object applies each operator. */
function whereSql(where: Where | undefined, context: Context): RawBuilder<SqlBool>[] {
  if (!where) return []
  return Object.entries(where).flatMap(([path, rule]) => {
    const value = jsonPath(sql`e.properties`, path)
    if (!isOperatorObject(rule)) return [compareSql(value, 'eq', rule, context.timeZone)]
    return Object.entries(rule).map(([op, expected]) => compareSql(value, op as Operator, expected, context.timeZone))
  })
}
