import { sql, type RawBuilder } from 'kysely'

/**
 * The hour a run entered, in UTC whatever the session's TimeZone (date_trunc
 * would follow it, and zones such as +05:30 would shift the buckets): the
 * grain at which figures of pruned runs are kept. A report whose window
 * starts or ends inside an hour counts that hour's pruned runs whole or not
 * at all, by the hour's start.
 */
export function enteredHour(column: RawBuilder<unknown>): RawBuilder<Date> {
  return sql<Date>`date_bin('1 hour', ${column}, timestamptz '2000-01-01 00:00:00+00')`
}
