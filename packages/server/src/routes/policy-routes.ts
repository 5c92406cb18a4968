import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Policies } from '../policies/policy-document.ts'
import { PoliciesReply } from '../schemas/policy.ts'
import { actorOf } from '../auth/audit-log.ts'
import { jsonDiff } from '../auth/json-diff.ts'

/** The workspace's message policies: caps, quiet hours, onCap and consent, read and replaced as one document. */
export const policyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { policies } = app.kairos
  app.get('/api/policies', { config: { permission: 'read' }, schema: { tags: ['policies'], response: { 200: PoliciesReply } } }, async () => policies.get())
  app.put('/api/policies', { config: { permission: 'admin' }, schema: { tags: ['policies'], body: Policies, response: { 200: PoliciesReply } } }, async (request) => {
    const before = await policies.get()
    const after = await policies.put(request.body as Policies) // validation filled in the defaults
    await app.kairos.audit.record(actorOf(request), { action: 'policies.update', target: { type: 'policies', id: null }, diff: jsonDiff(before, after) })
    return after
  })
}
