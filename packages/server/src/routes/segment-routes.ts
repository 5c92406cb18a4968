import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { ajvProblems, type Condition, type Problem } from '@kairos/sdk'
import { Type } from 'typebox'
import { KairosError } from '../errors.ts'
import { IdParams } from '../schemas/api.ts'
import { segmentConditionProblems } from '../segments/segment-condition.ts'
import { MAX_PREVIEW_SAMPLE } from '../segments/preview-audience.ts'
import { actorOf } from '../auth/audit-log.ts'
import { jsonDiff } from '../auth/json-diff.ts'
import { NoContent } from '../schemas/reply-fields.ts'
import { AudiencePreview, Segment, SegmentList } from '../schemas/segment.ts'

const NAME = Type.String({ minLength: 1, maxLength: 200 })
/** Checked by segmentConditionProblems (so each problem names its exact path), not by the schema. */
const CONDITION = Type.Unsafe<Condition>({ description: 'A condition tree: all / any / not, attribute, tag or event (see docs/segments.md)' })
const SAMPLE_DEFAULT = 10

const CreateSegmentBody = Type.Object({ name: NAME, condition: CONDITION }, { additionalProperties: false })
const UpdateSegmentBody = Type.Object(
  { name: Type.Optional(NAME), condition: Type.Optional(CONDITION) },
  { additionalProperties: false, minProperties: 1 },
)
const PreviewBody = Type.Object(
  {
    condition: CONDITION,
    sample: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PREVIEW_SAMPLE, description: `Contacts to return (default ${SAMPLE_DEFAULT})` })),
  },
  { additionalProperties: false },
)
/** Query strings arrive as text (no coercion): digits, 0–100. */
const PreviewQuery = Type.Object(
  { sample: Type.Optional(Type.String({ pattern: '^(\\d{1,2}|100)$', description: `Contacts to return, 0–100 (default ${SAMPLE_DEFAULT})` })) },
  { additionalProperties: false },
)

/**
 * Fails with every problem of the request at once: the schema's (name, unknown
 * fields, sample) and the condition's, each named like `body.condition.all[1].op`.
 * Routes that call it set `attachValidation` so the schema's problems arrive here.
 */
function checkRequest(request: FastifyRequest, condition: unknown): void {
  const invalid = request.validationError as (Error & { validation?: Parameters<typeof ajvProblems>[0]; validationContext?: string }) | undefined
  const problems: Problem[] = invalid ? ajvProblems(invalid.validation, invalid.validationContext ?? 'body') : []
  // A missing condition is already reported by the schema ("is required") or allowed (PUT).
  if (condition !== undefined) problems.push(...segmentConditionProblems(condition, 'body.condition'))
  if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems)
}

/** Segments: saved audiences defined by a condition, and previews of them (count + sample) computed in Postgres. */
export const segmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { segments } = app.kairos
  const tags = ['segments']
  app.post('/api/segments', { config: { permission: 'workspace:write' }, schema: { tags, body: CreateSegmentBody, response: { 201: Segment } }, attachValidation: true }, async (request, reply) => {
    checkRequest(request, request.body?.condition)
    const segment = await segments.create(request.body)
    await app.kairos.audit.record(actorOf(request), { action: 'segment.create', target: { type: 'segment', id: segment.id }, diff: request.body })
    return reply.status(201).send(segment)
  })
  app.get('/api/segments', { config: { permission: 'read' }, schema: { tags, response: { 200: SegmentList } } }, async () => ({ segments: await segments.list() }))
  app.get('/api/segments/:id', { config: { permission: 'read' }, schema: { tags, params: IdParams, response: { 200: Segment } } }, async (request) => segments.get(request.params.id))
  app.put('/api/segments/:id', { config: { permission: 'workspace:write' }, schema: { tags, params: IdParams, body: UpdateSegmentBody, response: { 200: Segment } }, attachValidation: true }, async (request) => {
    checkRequest(request, request.body?.condition)
    const before = await segments.get(request.params.id)
    const after = await segments.update(request.params.id, request.body)
    await app.kairos.audit.record(actorOf(request), { action: 'segment.update', target: { type: 'segment', id: after.id }, diff: jsonDiff(before, after) })
    return after
  })
  app.delete('/api/segments/:id', { config: { permission: 'workspace:write' }, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
    await segments.remove(request.params.id)
    await app.kairos.audit.record(actorOf(request), { action: 'segment.delete', target: { type: 'segment', id: request.params.id } })
    return reply.status(204).send()
  })
  app.get('/api/segments/:id/preview', { config: { permission: 'read' }, schema: { tags, params: IdParams, querystring: PreviewQuery, response: { 200: AudiencePreview } } }, async (request) =>
    segments.preview(request.params.id, Number(request.query.sample ?? SAMPLE_DEFAULT)),
  )
  // For the editor's audience builder: the same preview for a condition that is not saved.
  app.post('/api/segments/preview', { config: { permission: 'read' }, schema: { tags, body: PreviewBody, response: { 200: AudiencePreview } }, attachValidation: true }, async (request) => {
    checkRequest(request, request.body?.condition)
    return segments.previewCondition(request.body.condition, request.body.sample ?? SAMPLE_DEFAULT, 'body.condition')
  })
}
