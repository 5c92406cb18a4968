import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { answerReceiptChallenge, receiveReceipts } from '../delivery/channel-receipts.ts'

const NameParams = Type.Object({ name: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$', description: 'Channel name, e.g. whatsapp-main' }) })
const ReceiptsReply = Type.Object({
  received: Type.Integer({ description: 'Statuses the request reported' }),
  recorded: Type.Integer({ description: 'Recorded on a delivery of this channel (message.delivered, … emitted for its contact)' }),
  unmatched: Type.Integer({ description: 'Naming no sent delivery of this channel' }),
}, { additionalProperties: true, description: "Also the fields the channel's kind says its provider expects in the answer (sms.aliyun: code 0 and msg; sms.tencent: result 0 and errmsg)" })
/** The query's single values (a repeated key is an array: left out). */
const textEntries = (query: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(query as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))

/** A provider's receipts are small; a bigger body is not one. */
const RECEIPT_BODY_LIMIT = 1024 * 1024

/**
 * Delivery receipts from providers, for channel kinds that take them (`receipt` in the
 * channel definition). Public, since the provider calls them: the kind checks that a request
 * is the provider's (a signature made with the channel's secrets) before anything is recorded.
 * The body is kept as sent, so a signature over it can be checked.
 */
export const channelReceiptRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // This plugin's routes only (Fastify encapsulation): any body arrives as text.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: RECEIPT_BODY_LIMIT }, (_request, body, done) => done(null, body))

  app.post('/api/channels/:name/receipts', {
    config: { permission: 'public' },
    bodyLimit: RECEIPT_BODY_LIMIT,
    schema: {
      tags: ['channels'],
      description: "A provider's delivery receipts for a channel (WhatsApp's statuses webhook, say), in the provider's own format; each becomes message.delivered, message.read or message.failed for its contact",
      params: NameParams,
      body: Type.Optional(Type.String({ description: 'The request body as the provider sends it' })),
      response: { 200: ReceiptsReply },
    },
  }, async (request) => {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]))
    return receiveReceipts(app.kairos, request.params.name, { headers, rawBody: request.body ?? '', query: textEntries(request.query) })
  })

  app.get('/api/channels/:name/receipts', {
    config: { permission: 'public' },
    schema: {
      tags: ['channels'],
      // The query is the provider's (WhatsApp: hub.mode, hub.verify_token, hub.challenge) and goes to the channel kind as sent.
      description: "A provider's check of the receipt URL before it uses it (WhatsApp's hub.challenge, with the query the provider sends): answered with the text the channel kind gives",
      params: NameParams,
      response: { 200: { description: 'The challenge, echoed', content: { 'text/plain': { schema: Type.String() } } } },
    },
  }, async (request, reply) => {
    const answer = await answerReceiptChallenge(app.kairos, request.params.name, textEntries(request.query))
    return reply.type('text/plain; charset=utf-8').send(answer)
  })
}
