import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CreateFlowBody, IdParams, PublishBody, UpdateFlowBody } from '../schemas/api.ts'

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
  app.get('/api/flows/:id/versions', { schema: { tags: ['flows'], params: IdParams } }, async (request) => ({
    versions: await flows.versions(request.params.id),
  }))
}
