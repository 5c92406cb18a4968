import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Policies } from '../policies/policy-document.ts'

/** The workspace's message policies: caps, quiet hours, onCap and consent, read and replaced as one document. */
export const policyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { policies } = app.kairos
  app.get('/api/policies', { schema: { tags: ['policies'] } }, async () => policies.get())
  app.put('/api/policies', { schema: { tags: ['policies'], body: Policies } }, async (request) => policies.put(request.body))
}
