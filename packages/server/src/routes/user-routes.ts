import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../auth/audit-log.ts'
import { jsonDiff } from '../auth/json-diff.ts'
import { AuditList, AuditQuery, ApiKeyView, CreateApiKeyBody, CreateUserBody, UpdateUserBody, UserView, UuidParams } from '../schemas/access.ts'
import { NoContent } from '../schemas/reply-fields.ts'
import { pageSize } from '../schemas/api.ts'
import { KairosError } from '../errors.ts'

/** Users, API keys (admin) and the audit trail (admin, editor, viewer). */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { users, apiKeys, audit } = app.kairos
  const admin = { permission: 'admin' as const }

  app.get('/api/users', { config: admin, schema: { tags: ['access'], response: { 200: Type.Object({ users: Type.Array(UserView) }) } } }, async () => ({
    users: await users.list(),
  }))
  app.get('/api/users/:id', { config: admin, schema: { tags: ['access'], params: UuidParams, response: { 200: UserView } } }, async (request) =>
    users.get(request.params.id),
  )
  app.post('/api/users', { config: admin, schema: { tags: ['access'], body: CreateUserBody, response: { 201: UserView } } }, async (request, reply) => {
    const user = await users.create(request.body)
    await audit.record(actorOf(request), {
      action: 'user.create',
      target: { type: 'user', id: user.id },
      diff: { email: user.email, name: user.name, role: user.role, salesRepId: user.salesRepId, password: 'set' },
    })
    return reply.status(201).send(user)
  })
  app.patch(
    '/api/users/:id',
    { config: admin, schema: { tags: ['access'], params: UuidParams, body: UpdateUserBody, response: { 200: UserView } } },
    async (request) => {
      const { before, after } = await users.update(request.params.id, request.body)
      const changes = jsonDiff(before, after).filter((c) => c.path !== 'updatedAt')
      if (request.body.password !== undefined) changes.push({ path: 'password', to: 'changed' })
      await audit.record(actorOf(request), { action: 'user.update', target: { type: 'user', id: after.id }, diff: changes })
      return after
    },
  )

  app.get('/api/api-keys', { config: admin, schema: { tags: ['access'], response: { 200: Type.Object({ keys: Type.Array(ApiKeyView) }) } } }, async () => ({
    keys: await apiKeys.list(),
  }))
  app.post(
    '/api/api-keys',
    {
      config: admin,
      schema: {
        tags: ['access'],
        body: CreateApiKeyBody,
        response: { 201: Type.Object({ key: ApiKeyView, secret: Type.String({ description: 'The key itself: shown in this answer only' }) }) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!
      const created = await apiKeys.create({ ...request.body, createdBy: principal.kind === 'user' ? principal.userId : null })
      await audit.record(actorOf(request), {
        action: 'api_key.create',
        target: { type: 'api_key', id: created.key.id },
        diff: { name: created.key.name, prefix: created.key.prefix, scopes: created.key.scopes, expiresAt: created.key.expiresAt, allowedOrigins: created.key.allowedOrigins },
      })
      return reply.status(201).send(created)
    },
  )
  app.delete('/api/api-keys/:id', { config: admin, schema: { tags: ['access'], params: UuidParams, response: { 204: NoContent } } }, async (request, reply) => {
    const key = await apiKeys.revoke(request.params.id)
    await audit.record(actorOf(request), { action: 'api_key.revoke', target: { type: 'api_key', id: key.id }, diff: { name: key.name, prefix: key.prefix } })
    return reply.status(204).send()
  })

  app.get('/api/audit', { config: { permission: 'audit:read' }, schema: { tags: ['access'], querystring: AuditQuery, response: { 200: AuditList } } }, async (request) => {
    const { from, to, target, actor, limit } = request.query
    if (from && to && new Date(from).getTime() >= new Date(to).getTime())
      throw new KairosError('KAIROS_VALIDATION', 'querystring.from must be before querystring.to', [{ field: 'querystring.from', message: 'must be before to' }])
    return {
      entries: await audit.query({ target, actor, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined, limit: pageSize(limit) }),
    }
  })
}
