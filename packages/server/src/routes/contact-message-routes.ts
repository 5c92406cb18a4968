import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { salesScope } from '../auth/principal.ts'
import { contactMessages } from '../delivery/contact-messages.ts'
import { ExternalIdParams, pageSize } from '../schemas/api.ts'
import { ContactMessagePage, ContactMessagesQuery } from '../schemas/contact-message.ts'

/** A contact's messages with why each held-back one was deferred or not sent: the contact page's "why was this not sent?". */
export const contactMessageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/contacts/:externalId/messages',
    {
      config: { permission: 'contacts:read' },
      schema: { tags: ['contacts'], params: ExternalIdParams, querystring: ContactMessagesQuery, response: { 200: ContactMessagePage } },
    },
    async (request) =>
      // A sales user reads the contacts they own; another's reads as missing, as on GET /api/contacts/:externalId.
      contactMessages(app.kairos.database.db, request.params.externalId, { limit: pageSize(request.query.limit), before: request.query.before, owner: salesScope(request.principal) }),
  )
}
