import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Operator } from '@kairos/sdk'
import { isNumericText, isString, textOf, timeOf, type JsonSql } from './json-values-sql.ts'

// The expected value comes from the rule, so it is classified here, in JS, with
// the same tests as @kairos/sdk's conditions/compare.ts (kept in step by the
// property tests in tests/api/segments-sql.test.ts); only the stored side is
// classified in SQL.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/
const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/

function asTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : new Date(time)
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value)
  return undefined
}

/** How stored text is compared with rule text: by code point, as JS `<` does (not by locale). */
const ordered = (text: RawBuilder<string>, op: string, expected: string) => sql<SqlBool>`(${text} collate "C" ${sql.raw(op)} ${expected})`

const FALSE = sql<SqlBool>`false`
const or = (parts: RawBuilder<SqlBool>[]) => (parts.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(parts, sql` or `)})`)

/**
 * `equal(actual, item)` for any item of `items`, grouped by kind so a long
 * `in` list costs a handful of `= any($array)` tests. Most of it is one jsonb
 * equality against a list of JSON values: a string equals the same string, a
 * number equals the same number (jsonb compares numbers as numbers) or numeric
 * text's number, true/false/null equal themselves. Then the two cross-kind
 * cases: numeric text stored against a number in the rule, and two dates for
 * the same instant. Lists and objects never equal anything (JS compares them
 * by reference).
 */
export function equalsAny(j: JsonSql, items: unknown[], timeZone: string): RawBuilder<SqlBool> {
  const strings = items.filter((item): item is string => typeof item === 'string')
  // Numeric text too long for a double is Infinity in JS, and equals nothing stored as JSON.
  const numbers = items.filter((item): item is number => typeof item === 'number' && Number.isFinite(item))
  const values = [
    ...strings,
    ...numbers,
    ...strings.map(asNumber).filter((n): n is number => n !== undefined && Number.isFinite(n)),
    ...items.filter((item) => item === null || typeof item === 'boolean'),
  ].map((value) => JSON.stringify(value))
  const times = strings.map(asTime).filter((t): t is Date => t !== undefined).map((t) => t.toISOString())
  const text = textOf(j)
  const parts: RawBuilder<SqlBool>[] = []
  if (values.length > 0) parts.push(sql`(${j} = any(${[...new Set(values)]}::jsonb[]))`)
  if (numbers.length > 0)
    parts.push(sql`(${isString(j)} and ${isNumericText(text)} and ${text}::numeric = any(${numbers.map(String)}::numeric[]))`)
  if (times.length > 0) parts.push(sql`(${isString(j)} and ${timeOf(text, timeZone)} = any(${times}::timestamptz[]))`)
  return or(parts)
}

/** `gt gte lt lte`: dates as dates, numbers (or numeric text) as numbers, else text as text; anything else is false. */
function orderedSql(j: JsonSql, op: '>' | '>=' | '<' | '<=', expected: unknown, timeZone: string): RawBuilder<SqlBool> {
  const text = textOf(j)
  const asText = typeof expected === 'string' ? ordered(text, op, expected) : FALSE
  const time = asTime(expected)
  if (time)
    return sql`(${isString(j)} and coalesce(${timeOf(text, timeZone)} ${sql.raw(op)} ${time.toISOString()}::timestamptz, ${asText}))`
  const number = asNumber(expected)
  if (number !== undefined) {
    // Numeric text too long for a double is ±Infinity in JS: every number is below (or above) it.
    const below = op === '<' || op === '<='
    const than = (actual: RawBuilder<string>) =>
      Number.isFinite(number) ? sql<SqlBool>`${actual} ${sql.raw(op)} ${String(number)}::numeric` : below === number > 0 ? sql<SqlBool>`true` : FALSE
    return sql`(case jsonb_typeof(${j})
      when 'number' then ${than(sql`(${j})::numeric`)}
      when 'string' then case when ${isNumericText(text)} then ${than(sql`${text}::numeric`)} else ${asText} end
      else false end)`
  }
  return typeof expected === 'string' ? sql`(${isString(j)} and ${asText})` : FALSE
}

const ORDER_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const

/**
 * `compare(actual, op, expected)` as SQL over a jsonb expression. Always true
 * or false, never NULL: a missing value is an answer (`ne` holds, `gt` does
 * not), so `not` and `any` keep their JS meaning.
 */
export function compareSql(j: JsonSql, op: Operator, expected: unknown, timeZone: string): RawBuilder<SqlBool> {
  return sql`coalesce(${operatorSql(j, op, expected, timeZone)}, false)`
}

function operatorSql(j: JsonSql, op: Operator, expected: unknown, timeZone: string): RawBuilder<SqlBool> {
  switch (op) {
    case 'exists': {
      const present = sql<SqlBool>`coalesce(jsonb_typeof(${j}) <> 'null', false)`
      return (expected === undefined ? true : Boolean(expected)) ? present : sql`not ${present}`
    }
    case 'eq':
      return equalsAny(j, [expected], timeZone)
    case 'ne':
      return sql`not coalesce(${equalsAny(j, [expected], timeZone)}, false)`
    case 'in':
      return Array.isArray(expected) ? equalsAny(j, expected, timeZone) : FALSE
    case 'contains': {
      const inList =
        typeof expected === 'string' && asTime(expected) === undefined && asNumber(expected) === undefined
          ? sql<SqlBool>`(${j} @> jsonb_build_array(${expected}::text))` // plain text: equal means identical
          : sql<SqlBool>`exists (select 1 from jsonb_array_elements(${j}) as item(v) where ${equalsAny(sql`item.v`, [expected], timeZone)})`
      const inText = typeof expected === 'string' ? sql<SqlBool>`(${isString(j)} and strpos(${textOf(j)}, ${expected}) > 0)` : FALSE
      return sql`case jsonb_typeof(${j}) when 'array' then ${inList} else ${inText} end`
    }
    case 'startsWith':
      return typeof expected === 'string' ? sql`(${isString(j)} and starts_with(${textOf(j)}, ${expected}))` : FALSE
    default:
      return orderedSql(j, ORDER_OPS[op], expected, timeZone)
  }
}
