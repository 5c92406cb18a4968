import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../auth/audit-log.ts'
import { StarterImportBody, StarterImportReply, StarterList, StarterParams } from '../schemas/starter.ts'
import { starterFiles } from '../starters/starter-catalog.ts'
import { importStarter } from '../starters/starter-import.ts'
import { summarizeStarter } from '../starters/starter-summary.ts'

/** The starter library: journeys a team imports as a draft in one click, then adapts (docs/starters.md). */
export const starterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registry, flows, audit, database } = app.kairos
  app.get('/api/starters', { config: { permission: 'read' }, schema: { tags: ['flows'], response: { 200: StarterList } } }, async () => ({
    starters: starterFiles().map((file) => summarizeStarter(file, registry)),
  }))
  app.post(
    '/api/starters/:id/import',
    { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: StarterParams, body: StarterImportBody, response: { 201: StarterImportReply } } },
    async (request, reply) => {
      const { body } = request
      const imported = await importStarter({ db: database.db, registry, flows }, request.params.id, body)
      await audit.record(actorOf(request), {
        action: 'flow.create',
        target: { type: 'flow', id: imported.flow.id },
        diff: { name: imported.flow.name, nodes: imported.flow.graph.nodes.length, starter: request.params.id, language: body.language ?? 'en' },
      })
      return reply.status(201).send(imported)
    },
  )
}
