import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { KairosError } from '../errors.ts'
import { PostEventsBody } from '../schemas/api.ts'
import type { IncomingEvent } from '../events/ingest-events.ts'
import { IngestReply } from '../schemas/event.ts'

/** Event ingestion: one event, or `{ events: [...] }` up to 1000, applied to journeys atomically. */
export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/events', { config: { permission: 'events:write' }, schema: { tags: ['events'], body: PostEventsBody, response: { 202: IngestReply } } }, async (request, reply) => {
    const { events, ...single } = request.body
    let batch: IncomingEvent[]
    if (events) {
      const stray = Object.keys(single).filter((k) => single[k as keyof typeof single] !== undefined)
      if (stray.length > 0)
        throw new KairosError('KAIROS_VALIDATION', `body.${stray[0]} is not allowed beside body.events`,
          stray.map((k) => ({ field: `body.${k}`, message: 'is not allowed beside events' })))
      batch = events
    } else {
      const missing = (['contact', 'name'] as const).filter((k) => single[k] === undefined)
      if (missing.length > 0)
        throw new KairosError('KAIROS_VALIDATION', `body.${missing[0]} is required`, missing.map((k) => ({ field: `body.${k}`, message: 'is required' })))
      batch = [single as IncomingEvent]
    }
    const badTimes = batch.flatMap((event, i) => {
      if (event.occurredAt === undefined) return []
      const year = new Date(event.occurredAt).getUTCFullYear()
      return year >= 1970 && year <= 9999 ? [] : [{ field: events ? `body.events[${i}].occurredAt` : 'body.occurredAt', message: 'must be a date between 1970 and 9999' }]
    })
    if (badTimes.length > 0) throw new KairosError('KAIROS_VALIDATION', `${badTimes[0].field} ${badTimes[0].message}`, badTimes)
    return reply.status(202).send(await app.kairos.ingest(batch))
  })
}
