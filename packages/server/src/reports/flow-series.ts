import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** The width of one point of a series: an hour or a day of the flow's timezone. */
export type SeriesBucket = 'hour' | 'day'

/** The most points one series answers (100 days of hours); a longer range asks for days. */
export const MAX_BUCKETS = 2400

export interface FlowSeries {
  flowId: string
  from: string
  to: string
  bucket: SeriesBucket
  /** The IANA zone the buckets start in: the live version's, else the draft's, else UTC. */
  timezone: string
  points: Array<{
    /** The instant the bucket starts (a local midnight or whole hour of `timezone`), in UTC. */
    start: string
    /** Runs that entered the journey in the bucket. */
    entries: number
    /** Runs that reached the goal in the bucket, whenever they entered. */
    conversions: number
  }>
}

/** How many buckets [from, to) spans at most (a local day may be 23 hours long: one more for the range's ends). */
export function bucketCount(from: Date, to: Date, bucket: SeriesBucket): number {
  return Math.ceil((to.getTime() - from.getTime()) / (bucket === 'hour' ? 3_600_000 : 82_800_000)) + 1
}

/**
 * The buckets of [from, to) as one SQL fragment of `(start timestamptz)` rows: local
 * days are generated as local timestamps and turned into instants, so each starts at
 * the zone's midnight whatever daylight saving does; hours are whole local hours
 * (date_trunc in the zone, which matters for zones half an hour off UTC) stepped by
 * 60 minutes of real time, so a day with a daylight-saving change has 23 or 25 of them.
 */
function buckets(from: Date, to: Date, bucket: SeriesBucket, timezone: string) {
  return bucket === 'day'
    ? sql`select (l at time zone ${timezone}) as start from generate_series(
        date_trunc('day', ${from}::timestamptz at time zone ${timezone}),
        (${to}::timestamptz - interval '1 microsecond') at time zone ${timezone}, interval '1 day') l`
    : sql`select l as start from generate_series(
        date_trunc('hour', ${from}::timestamptz, ${timezone}),
        ${to}::timestamptz - interval '1 microsecond', interval '1 hour') l`
}

/**
 * Entries and goal conversions of a flow over time, bucketed in its timezone, for
 * [from, to). Each series is one query on the flow's runs (never pruned: retention
 * deletes steps and deliveries, not runs) grouped by bucket and joined onto every
 * bucket of the range, so a bucket with nothing in it is a zero rather than missing.
 * Entries are counted when the run entered, conversions when the goal was reached
 * (a run entered before `from` that converts inside the range counts here, unlike the
 * report's `runs.converted`, which follows the runs that entered in the range).
 */
export async function flowSeries(
  db: Db,
  flowId: string,
  window: { from: Date; to: Date },
  bucket: SeriesBucket,
  timezone: string,
): Promise<FlowSeries> {
  const { from, to } = window
  const unit = sql.lit(bucket)
  const [{ rows: entries }, { rows: conversions }] = await Promise.all([
    sql<{ start: Date; n: number }>`select b.start, coalesce(c.n, 0)::int as n from (${buckets(from, to, bucket, timezone)}) b
      left join (select date_trunc(${unit}, entered_at, ${timezone}) as start, count(*) as n from runs
        where flow_id = ${flowId} and entered_at >= ${from} and entered_at < ${to} group by 1) c using (start)
      order by b.start`.execute(db),
    sql<{ start: Date; n: number }>`select b.start, coalesce(c.n, 0)::int as n from (${buckets(from, to, bucket, timezone)}) b
      left join (select date_trunc(${unit}, converted_at, ${timezone}) as start, count(*) as n from runs
        where flow_id = ${flowId} and converted_at >= ${from} and converted_at < ${to} group by 1) c using (start)
      order by b.start`.execute(db),
  ])
  return {
    flowId, from: from.toISOString(), to: to.toISOString(), bucket, timezone,
    points: entries.map((row, i) => ({ start: new Date(row.start).toISOString(), entries: row.n, conversions: conversions[i]?.n ?? 0 })),
  }
}
