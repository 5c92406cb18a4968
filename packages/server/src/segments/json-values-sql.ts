import { sql, type RawBuilder } from 'kysely'

/**
 * SQL that reads a jsonb value the way `@kairos/sdk`'s conditions/compare.ts
 * reads a JS value: a path into an object, text, numbers (or numeric text) and
 * ISO dates. Every helper takes a jsonb expression and yields SQL NULL where
 * the JS side would see `undefined`. Nothing here can raise a cast error on
 * stored data: casts only run after a pattern has proved the text castable.
 */

/** A jsonb SQL expression: an attribute or an event property, SQL NULL when absent. */
export type JsonSql = RawBuilder<unknown>

/** JS reads `arr["01"]`, `arr["-1"]` or `arr[" 1"]` as undefined; Postgres' `#>` would index the array. */
const LOOSE_INDEX = /^\s*[+-]?\d+$/
const CANONICAL_INDEX = /^(0|[1-9]\d*)$/

/**
 * `a.b.c` read out of `base` (like `readPath`): `base #> '{a,b,c}'` with the
 * path as a bind parameter. A step that JS would never treat as an array
 * index is only taken on objects.
 */
export function jsonPath(base: RawBuilder<unknown>, path: string): JsonSql {
  const keys = path.split('.')
  if (!keys.some((key) => LOOSE_INDEX.test(key) && !CANONICAL_INDEX.test(key))) return sql`(${base} #> ${keys}::text[])`
  let current: JsonSql = base
  for (const key of keys)
    current = LOOSE_INDEX.test(key) && !CANONICAL_INDEX.test(key)
      ? sql`(case when jsonb_typeof(${current}) = 'object' then ${current} -> ${key}::text end)`
      : sql`(${current} #> ${[key]}::text[])`
  return current
}

/** The text of a JSON string (NULL for anything else, so callers check the type first). */
export const textOf = (j: JsonSql): RawBuilder<string> => sql`(${j} #>> '{}')`

export const isString = (j: JsonSql): RawBuilder<boolean> => sql`(jsonb_typeof(${j}) = 'string')`

/**
 * compare.ts' NUMERIC (`^\s*-?\d+(\.\d+)?\s*$`) with the whitespace Postgres'
 * numeric input accepts. Texts over 1,000 characters are left as text so that
 * no cast can exceed numeric's limits.
 */
const NUMERIC_TEXT = '^[ \\t\\n\\r\\f\\v]*-?[0-9]+(\\.[0-9]+)?[ \\t\\n\\r\\f\\v]*$'

/** True when `text` (a SQL text expression) holds a number. */
export const isNumericText = (text: RawBuilder<string>): RawBuilder<boolean> =>
  sql`(length(${text}) <= 1000 and ${text} ~ ${NUMERIC_TEXT})`

/**
 * The ISO forms Postgres and JS both read as the same instant: a date, or a
 * date and time (minutes, optional seconds and up to 9 fraction digits) with
 * an optional `Z` or `±hh[:]mm` offset within Postgres' ±15:59. The calendar
 * checks (no 30 February, no year 0) are in `timeOf`.
 */
const ISO_TIME =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' +
  '([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-](0[0-9]|1[0-5]):?[0-5][0-9])?)?$'
const HAS_OFFSET = '(Z|[+-][0-9]{2}:?[0-9]{2})$'
const SHORT_MONTHS = ['02-30', '02-31', '04-31', '06-31', '09-31', '11-31']

/**
 * The instant an ISO date text stands for, truncated to milliseconds as
 * `Date.parse` does, or NULL when it is not one. A date alone is midnight
 * UTC and a date-time without an offset is local time in `timeZone`, as in
 * JS (`Date.parse('2024-05-01')` is UTC, `Date.parse('2024-05-01T09:00')` local).
 */
export function timeOf(text: RawBuilder<string>, timeZone: string): RawBuilder<Date> {
  const year = sql`substr(${text}, 1, 4)::int`
  return sql`(case when ${text} ~ ${ISO_TIME}
      and substr(${text}, 1, 4) <> '0000'
      and substr(${text}, 6, 5) <> all(${SHORT_MONTHS}::text[])
      and (substr(${text}, 6, 5) <> '02-29' or (${year} % 4 = 0 and (${year} % 100 <> 0 or ${year} % 400 = 0)))
    then date_trunc('milliseconds', case
      when length(${text}) = 10 then ${text}::timestamp at time zone 'UTC'
      when ${text} ~ ${HAS_OFFSET} then ${text}::timestamptz
      else ${text}::timestamp at time zone ${timeZone} end)
    end)`
}
