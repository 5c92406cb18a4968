import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CreateFlowBody, IdParams, LIMIT, pageSize, PublishBody, UpdateFlowBody } from '../schemas/api.ts'
import { flowReport } from '../reports/flow-report.ts'
import { KairosError } from '../errors.ts'
import { flowTicks } from '../triggers/schedule/tick-queries.ts'
import { upcomingMoments } from '../triggers/dates/moment-queries.ts'
import { parseDuration } from '@kairos/sdk'

const ReportQuery = Type.Object(
  { from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
)

const NodeFilter = Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only this trigger node' }))
const TicksQuery = Type.Object({ node: NodeFilter, limit: LIMIT }, { additionalProperties: false })
const UpcomingQuery = Type.Object(
  {
    within: Type.Optional(Type.String({ pattern: '^(\\d+(ms|s|m|h|d|w))+$', description: 'Window ahead, e.g. 7d (default 7d, at most 3650d)' })),
    node: NodeFilter,
    limit: LIMIT,
  },
  { additionalProperties: false },
)

/** Flows: drafts, publishing, the on/off switch and version history. */
export const flowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { flows } = app.kairos
  app.post('/api/flows', { schema: { tags: ['flows'], body: CreateFlowBody } }, async (request, reply) =>
    reply.status(201).send(await flows.create(request.body)),
  )
  app.get('/api/flows', { schema: { tags: ['flows'] } }, async () => ({ flows: await flows.list() }))
  app.get('/api/flows/:id', { schema: { tags: ['flows'], params: IdParams } }, async (request) => flows.get(request.params.id))
  app.put('/api/flows/:id', { schema: { tags: ['flows'], params: IdParams, body: UpdateFlowBody } }, async (request) =>
    flows.update(request.params.id, request.body),
  )
  app.post('/api/flows/:id/publish', { schema: { tags: ['flows'], params: IdParams, body: PublishBody } }, async (request) => {
    const { version, flow } = await flows.publish(request.params.id, request.body?.by ?? null)
    return { version, flow }
  })
  app.post('/api/flows/:id/duplicate', { schema: { tags: ['flows'], params: IdParams } }, async (request, reply) =>
    reply.status(201).send(await flows.duplicate(request.params.id)),
  )
  app.post('/api/flows/:id/archive', { schema: { tags: ['flows'], params: IdParams } }, async (request) => flows.archive(request.params.id))
  app.post('/api/flows/:id/pause', { schema: { tags: ['flows'], params: IdParams } }, async (request) =>
    flows.setActive(request.params.id, false),
  )
  app.post('/api/flows/:id/resume', { schema: { tags: ['flows'], params: IdParams } }, async (request) =>
    flows.setActive(request.params.id, true),
  )
  app.get('/api/flows/:id/report', { schema: { tags: ['flows'], params: IdParams, querystring: ReportQuery } }, async (request) => {
    const flow = await flows.get(request.params.id)
    const to = request.query.to ? new Date(request.query.to) : new Date()
    const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 30 * 86_400_000)
    if (from.getTime() >= to.getTime())
      throw new KairosError('KAIROS_VALIDATION', 'querystring.from must be before querystring.to', [{ field: 'querystring.from', message: 'must be before to' }])
    const live = flow.publishedVersion ? (await flows.versions(flow.id)).find((v) => v.version === flow.publishedVersion) : undefined
    const goal = live?.graph.settings?.goal ?? null
    return flowReport(app.kairos.database.db, flow.id, { from, to }, goal ? { event: goal.event, within: goal.within } : null)
  })
  app.get('/api/flows/:id/ticks', { schema: { tags: ['flows'], params: IdParams, querystring: TicksQuery } }, async (request) => {
    const flow = await flows.get(request.params.id)
    return flowTicks(app.kairos.database.db, flow.id, { limit: pageSize(request.query.limit), node: request.query.node })
  })
  app.get('/api/flows/:id/upcoming', { schema: { tags: ['flows'], params: IdParams, querystring: UpcomingQuery } }, async (request) => {
    const flow = await flows.get(request.params.id)
    let withinMs: number
    try {
      withinMs = parseDuration(request.query.within ?? '7d')
    } catch (error) {
      throw new KairosError('KAIROS_VALIDATION', `querystring.within ${(error as Error).message}`, [{ field: 'querystring.within', message: (error as Error).message }])
    }
    return upcomingMoments(app.kairos.database.db, flow.id, { now: app.kairos.clock.now(), withinMs, limit: pageSize(request.query.limit ?? '20'), node: request.query.node })
  })
  app.get('/api/flows/:id/versions', { schema: { tags: ['flows'], params: IdParams } }, async (request) => ({
    versions: await flows.versions(request.params.id),
  }))
}
