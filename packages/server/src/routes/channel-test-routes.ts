import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../auth/audit-log.ts'
import { ChannelKindNotLoaded } from '../channels/channel-service.ts'
import { sendWithChannel } from '../delivery/send-with-channel.ts'
import { KairosError, notFound } from '../errors.ts'
import { ChannelTestBody, ChannelTestReply } from '../schemas/channel-test.ts'

const NameParams = Type.Object({ name: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$', description: 'Channel name, e.g. sms-main' }) })
const DEFAULT_BODY = 'Test message from Kairos'

/**
 * "Send a test message" from the channel settings: one transactional message through the
 * channel's definition, right away and once (no queue, no rate-limit slot, no retry), through
 * the same attempt a delivery makes, so whoever set the channel up sees the provider's answer
 * before a journey depends on it. Nothing is stored as a delivery: no contact, no journey.
 */
export const channelTestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { channels, clock, execution } = app.kairos
  app.post('/api/channels/:name/test', {
    config: { permission: 'admin' },
    schema: { tags: ['channels'], description: 'Send one test message through a channel now and answer what its provider said', params: NameParams, body: ChannelTestBody, response: { 200: ChannelTestReply } },
  }, async (request) => {
    const { name } = request.params
    let channel
    try {
      channel = await channels.resolve(name)
    } catch (error) {
      if (error instanceof ChannelKindNotLoaded) throw new KairosError('KAIROS_NOT_READY', `${error.message}, so it cannot send`)
      throw error
    }
    if (!channel) throw notFound('channel', name)
    if (channel.unreadable) throw new KairosError('KAIROS_CONFLICT', `channel "${name}" cannot send: its secrets do not open (${channel.unreadable}); save the channel again`)
    const carries = channel.kind.carries
    const id = randomUUID()
    const message = {
      id, channel: carries, to: request.body.to, body: request.body.body ?? DEFAULT_BODY,
      subject: carries === 'email' ? DEFAULT_BODY : null, html: null, data: null,
    }
    const answer = await sendWithChannel(channel, message, { idempotencyKey: `test-${id}`, attempt: 1, maxAttempts: 1 }, { guard: execution.outbound, clock })
    await app.kairos.audit.record(actorOf(request), {
      action: 'channel.test', target: { type: 'channel', id: name },
      diff: { to: request.body.to, ok: answer.ok, ...(answer.ok ? {} : { error: answer.error }) },
    })
    if (answer.ok) return { ok: true, response: answer.response, ...(answer.providerMessageId ? { providerMessageId: answer.providerMessageId } : {}) }
    return { ok: false, retryable: answer.retry, error: answer.error, ...(answer.response === undefined ? {} : { response: answer.response }) }
  })
}
