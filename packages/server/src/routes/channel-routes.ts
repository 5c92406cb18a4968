import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../auth/audit-log.ts'
import { channelDiff } from '../auth/channel-diff.ts'
import { Channel, ChannelKindList, ChannelList } from '../schemas/channel.ts'
import { NoContent } from '../schemas/reply-fields.ts'

const NameParams = Type.Object({ name: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$', description: 'Channel name, e.g. sms-main' }) })
const PutChannelBody = Type.Object(
  {
    kind: Type.String({ description: 'A channel kind: sms.http, email.smtp, wecom.robot, call.http, webhook, or a plugin\'s (GET /api/channel-kinds)' }),
    config: Type.Record(Type.String(), Type.Unknown()),
    // At least one message every 1000 s: slots are spaced 1 / rate apart in Postgres, and a rate such
    // as 1e-300 (accepted when any rate above 0 was) overflowed the interval, so every send failed.
    ratePerSecond: Type.Optional(Type.Union([Type.Number({ minimum: 0.001, maximum: 100_000, description: 'Messages a second, 0.001 to 100000; null for no limit' }), Type.Null()])),
  },
  { additionalProperties: false },
)

/** Channel credentials: configured here, referenced by name from node configs, secrets never returned. */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { channels } = app.kairos
  app.get('/api/channel-kinds', { config: { permission: 'read' }, schema: { tags: ['channels'], response: { 200: ChannelKindList } } }, async () => ({
    kinds: channels.kinds.list().map((k) => ({ kind: k.kind, carries: k.carries, title: k.title, description: k.description ?? k.title, configSchema: k.config, secret: [...k.secret], i18n: k.i18n ?? {} })),
  }))
  app.get('/api/channels', { config: { permission: 'read' }, schema: { tags: ['channels'], response: { 200: ChannelList } } }, async () => ({ channels: await channels.list() }))
  app.get('/api/channels/:name', { config: { permission: 'read' }, schema: { tags: ['channels'], params: NameParams, response: { 200: Channel } } }, async (request) => channels.get(request.params.name))
  app.put('/api/channels/:name', { config: { permission: 'admin' }, schema: { tags: ['channels'], params: NameParams, body: PutChannelBody, response: { 200: Channel } } }, async (request) => {
    const before = (await channels.find(request.params.name)) ?? null
    const after = await channels.put(request.params.name, request.body)
    await app.kairos.audit.record(actorOf(request), {
      action: before ? 'channel.update' : 'channel.create',
      target: { type: 'channel', id: request.params.name },
      diff: channelDiff(before, after, request.body.config, channels.kinds.get(request.body.kind)?.secret ?? []),
    })
    return after
  })
  app.delete('/api/channels/:name', { config: { permission: 'admin' }, schema: { tags: ['channels'], params: NameParams, response: { 204: NoContent } } }, async (request, reply) => {
    await channels.remove(request.params.name)
    await app.kairos.audit.record(actorOf(request), { action: 'channel.delete', target: { type: 'channel', id: request.params.name } })
    return reply.status(204).send()
  })
}
