import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams } from '../schemas/api.ts'
import { FlowSeries, SeriesQuery } from '../schemas/report-series.ts'
import { bucketCount, flowSeries, MAX_BUCKETS, type SeriesBucket } from '../reports/flow-series.ts'
import { KairosError } from '../errors.ts'

const DAY_MS = 86_400_000

/** A draft may hold a timezone publishing would refuse (drafts are saved unchecked): its series is then in UTC. */
function knownZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return zone
  } catch {
    return 'UTC'
  }
}

/**
 * The reports page's time series (docs/reports.md): entries and goal conversions of a
 * journey per hour or day of its timezone. The figures per step, split arm and message
 * are `GET /api/flows/:id/report` (flow-routes.ts) for the same range.
 */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { flows, database, clock } = app.kairos
  app.get(
    '/api/flows/:id/report/series',
    { config: { permission: 'read' }, schema: { tags: ['flows'], params: IdParams, querystring: SeriesQuery, response: { 200: FlowSeries } } },
    async (request) => {
      const flow = await flows.get(request.params.id)
      const to = request.query.to ? new Date(request.query.to) : clock.now()
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 30 * DAY_MS)
      if (from.getTime() >= to.getTime())
        throw new KairosError('KAIROS_VALIDATION', 'querystring.from must be before querystring.to', [{ field: 'querystring.from', message: 'must be before to' }])
      const bucket = (request.query.bucket ?? (to.getTime() - from.getTime() <= 2 * DAY_MS ? 'hour' : 'day')) as SeriesBucket
      if (bucketCount(from, to, bucket) > MAX_BUCKETS)
        throw new KairosError('KAIROS_VALIDATION', `querystring.bucket: the range holds more than ${MAX_BUCKETS} ${bucket}s`, [
          { field: 'querystring.bucket', message: `the range holds more than ${MAX_BUCKETS} ${bucket}s: ask for a shorter range${bucket === 'hour' ? ' or bucket=day' : ''}` },
        ])
      // The zone the journey runs in: the live version's settings, else the draft's.
      const live = flow.publishedVersion ? await flows.version(flow.id, flow.publishedVersion) : undefined
      const timezone = knownZone(live?.graph.settings?.timezone ?? flow.graph.settings?.timezone ?? 'UTC')
      return flowSeries(database.db, flow.id, { from, to }, bucket, timezone)
    },
  )
}
