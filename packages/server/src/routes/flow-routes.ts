import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CreateFlowBody, IdParams, LIMIT, pageSize, UpdateFlowBody } from '../schemas/api.ts'
import { flowReport, splitReferences } from '../reports/flow-report.ts'
import { KairosError } from '../errors.ts'
import { flowTicks } from '../triggers/schedule/tick-queries.ts'
import { upcomingMoments } from '../triggers/dates/moment-queries.ts'
import { parseDuration } from '@kairos/sdk'
import type { FastifyRequest } from 'fastify'
import { actorOf } from '../auth/audit-log.ts'
import { jsonDiff } from '../auth/json-diff.ts'
import { principalLabel, type Principal } from '../auth/principal.ts'
import type { FlowView } from '../flows/flow-service.ts'
import {
  Flow, FlowList, FlowReport, FlowTicks, FlowUpcoming, FlowVersion, FlowVersions, MoveDryRunBody, MovePlan, PublishBody, PublishReply, PublishWarnings,
} from '../schemas/flow.ts'
import { unknownVariables } from '../templates/unknown-variables.ts'

/** How a version's publisher is recorded: a person by name (and email), a key by its label. */
function publisherOf(principal: Principal): string {
  return principal.kind === 'user' ? (principal.name === principal.email ? principal.email : `${principal.name} <${principal.email}>`) : principalLabel(principal)
}

const ReportQuery = Type.Object(
  { from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
)

// Path parameters arrive as text, and the API coerces nothing: the number is read from a pattern.
const VersionParams = Type.Object({ id: IdParams.properties.id, version: Type.String({ pattern: '^[1-9]\\d{0,8}$', description: 'A published version number' }) })

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
  const { flows, audit } = app.kairos
  const audited = (request: FastifyRequest, action: string, id: string, diff: unknown) =>
    audit.record(actorOf(request), { action, target: { type: 'flow', id }, diff })
  /** Archive, pause, resume: the audit entry records the status before and after. */
  async function statusChange(request: FastifyRequest, action: string, change: () => Promise<FlowView>) {
    const before = await flows.get((request.params as { id: string }).id)
    const after = await change()
    await audited(request, action, after.id, { status: { from: before.status, to: after.status } })
    return after
  }
  app.post('/api/flows', { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], body: CreateFlowBody, response: { 201: Flow } } }, async (request, reply) => {
    const { source, ...input } = request.body
    const flow = await flows.create(input)
    await audited(request, source === 'import' ? 'flow.import' : 'flow.create', flow.id, { name: flow.name, nodes: flow.graph.nodes.length })
    return reply.status(201).send(flow)
  })
  app.get('/api/flows', { config: { permission: 'read' }, schema: { tags: ['flows'], response: { 200: FlowList } } }, async () => ({ flows: await flows.list() }))
  app.get('/api/flows/:id', { config: { permission: 'read' }, schema: { tags: ['flows'], params: IdParams, response: { 200: Flow } } }, async (request) => flows.get(request.params.id))
  app.put('/api/flows/:id', { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: IdParams, body: UpdateFlowBody, response: { 200: Flow } } }, async (request) => {
    const before = await flows.get(request.params.id)
    const after = await flows.update(request.params.id, request.body)
    await audited(request, 'flow.save', after.id, jsonDiff({ name: before.name, graph: before.graph }, { name: after.name, graph: after.graph }))
    return after
  })
  app.post('/api/flows/:id/publish', { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: IdParams, body: PublishBody, response: { 200: PublishReply } } }, async (request) => {
    const plan = request.body?.migrate?.plan
    // The warnings are about the draft being published, so they are read before publishing: a failure
    // reading them then stops the publish instead of answering 500 for a publish that already happened.
    const draft = await flows.get(request.params.id)
    const warnings = await unknownVariables(app.kairos.database.db, draft.graph, app.kairos.registry)
    const { version, flow, moved } = await flows.publish(request.params.id, publisherOf(request.principal!), plan ? { plan, now: app.kairos.clock.now() } : undefined)
    await audited(request, 'flow.publish', flow.id, warnings.length ? { version, warnings: warnings.map((w) => `${w.node} ${w.field}: ${w.message}`) } : { version })
    if (moved) await audited(request, 'flow.move-waiting', flow.id, moved)
    return { version, flow, warnings, moved }
  })
  // The dry run of moving the contacts waiting on the live version to the draft's new version (docs/versions.md).
  app.post(
    '/api/flows/:id/publish/dry-run',
    { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: IdParams, body: MoveDryRunBody, response: { 200: MovePlan } } },
    async (request) => flows.planMove(request.params.id, request.body.migrate.mapping ?? {}, app.kairos.clock.now()),
  )
  // What publishing the draft now would warn about (unknown template variables), asked before publishing.
  app.get('/api/flows/:id/publish-warnings', { config: { permission: 'read' }, schema: { tags: ['flows'], params: IdParams, response: { 200: PublishWarnings } } }, async (request) => {
    const flow = await flows.get(request.params.id)
    return { warnings: await unknownVariables(app.kairos.database.db, flow.graph, app.kairos.registry) }
  })
  app.post('/api/flows/:id/duplicate', { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: IdParams, response: { 201: Flow } } }, async (request, reply) => {
    const copy = await flows.duplicate(request.params.id)
    await audited(request, 'flow.duplicate', copy.id, { from: request.params.id, name: copy.name })
    return reply.status(201).send(copy)
  })
  app.post('/api/flows/:id/archive', { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: IdParams, response: { 200: Flow } } }, async (request) =>
    statusChange(request, 'flow.archive', () => flows.archive(request.params.id)),
  )
  app.post('/api/flows/:id/pause', { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: IdParams, response: { 200: Flow } } }, async (request) =>
    statusChange(request, 'flow.pause', () => flows.setActive(request.params.id, false)),
  )
  app.post('/api/flows/:id/resume', { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: IdParams, response: { 200: Flow } } }, async (request) =>
    statusChange(request, 'flow.resume', () => flows.setActive(request.params.id, true)),
  )
  app.get('/api/flows/:id/report', { config: { permission: 'read' }, schema: { tags: ['flows'], params: IdParams, querystring: ReportQuery, response: { 200: FlowReport } } }, async (request) => {
    const flow = await flows.get(request.params.id)
    const to = request.query.to ? new Date(request.query.to) : app.kairos.clock.now()
    const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 30 * 86_400_000)
    if (from.getTime() >= to.getTime())
      throw new KairosError('KAIROS_VALIDATION', 'querystring.from must be before querystring.to', [{ field: 'querystring.from', message: 'must be before to' }])
    const live = flow.publishedVersion ? await flows.version(flow.id, flow.publishedVersion) : undefined
    const goal = live?.graph.settings?.goal ?? null
    return flowReport(app.kairos.database.db, flow.id, { from, to }, goal ? { event: goal.event, within: goal.within } : null, live ? splitReferences(live.graph) : {})
  })
  app.get('/api/flows/:id/ticks', { config: { permission: 'read' }, schema: { tags: ['flows'], params: IdParams, querystring: TicksQuery, response: { 200: FlowTicks } } }, async (request) => {
    const flow = await flows.get(request.params.id)
    return flowTicks(app.kairos.database.db, flow.id, { limit: pageSize(request.query.limit), node: request.query.node })
  })
  app.get('/api/flows/:id/upcoming', { config: { permission: 'read' }, schema: { tags: ['flows'], params: IdParams, querystring: UpcomingQuery, response: { 200: FlowUpcoming } } }, async (request) => {
    const flow = await flows.get(request.params.id)
    let withinMs: number
    try {
      withinMs = parseDuration(request.query.within ?? '7d')
    } catch (error) {
      throw new KairosError('KAIROS_VALIDATION', `querystring.within ${(error as Error).message}`, [{ field: 'querystring.within', message: (error as Error).message }])
    }
    return upcomingMoments(app.kairos.database.db, flow.id, { now: app.kairos.clock.now(), withinMs, limit: pageSize(request.query.limit ?? '20'), node: request.query.node })
  })
  app.get('/api/flows/:id/versions', { config: { permission: 'read' }, schema: { tags: ['flows'], params: IdParams, response: { 200: FlowVersions } } }, async (request) => ({
    versions: await flows.versions(request.params.id),
  }))
  app.get(
    '/api/flows/:id/versions/:version',
    { config: { permission: 'read' }, schema: { tags: ['flows'], params: VersionParams, response: { 200: FlowVersion } } },
    async (request) => flows.version(request.params.id, Number(request.params.version)),
  )
}
