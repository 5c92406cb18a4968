import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CHANNEL_KINDS } from '../channels/channel-kinds.ts'

const NameParams = Type.Object({ name: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$', description: 'Channel name, e.g. sms-main' }) })
const PutChannelBody = Type.Object(
  {
    kind: Type.String({ description: `One of ${Object.keys(CHANNEL_KINDS).join(', ')}` }),
    config: Type.Record(Type.String(), Type.Unknown()),
    ratePerSecond: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }), Type.Null()])),
  },
  { additionalProperties: false },
)

/** Channel credentials: configured here, referenced by name from node configs, secrets never returned. */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { channels } = app.kairos
  app.get('/api/channel-kinds', { schema: { tags: ['channels'] } }, async () => ({
    kinds: Object.values(CHANNEL_KINDS).map((k) => ({ kind: k.kind, carries: k.carries, description: k.description, configSchema: k.config, secret: k.secret })),
  }))
  app.get('/api/channels', { schema: { tags: ['channels'] } }, async () => ({ channels: await channels.list() }))
  app.get('/api/channels/:name', { schema: { tags: ['channels'], params: NameParams } }, async (request) => channels.get(request.params.name))
  app.put('/api/channels/:name', { schema: { tags: ['channels'], params: NameParams, body: PutChannelBody } }, async (request) =>
    channels.put(request.params.name, request.body),
  )
  app.delete('/api/channels/:name', { schema: { tags: ['channels'], params: NameParams } }, async (request, reply) => {
    await channels.remove(request.params.name)
    return reply.status(204).send()
  })
}
