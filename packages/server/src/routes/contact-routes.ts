import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ContactsQuery, ExternalIdParams, pageSize, UpsertContactBody } from '../schemas/api.ts'

/** Contacts by external id: upsert (attributes merge) and read with tags and runs. */
export const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { contacts, runs } = app.kairos
  app.get('/api/contacts', { schema: { tags: ['contacts'], querystring: ContactsQuery } }, async (request) => ({
    contacts: await contacts.search(request.query.q, pageSize(request.query.limit)),
  }))
  app.put('/api/contacts/:externalId', { schema: { tags: ['contacts'], params: ExternalIdParams, body: UpsertContactBody } }, async (request) =>
    contacts.upsert(request.params.externalId, request.body),
  )
  app.get('/api/contacts/:externalId', { schema: { tags: ['contacts'], params: ExternalIdParams } }, async (request) => {
    const contact = await contacts.get(request.params.externalId)
    return { ...contact, runs: await runs.list({ contact: contact.externalId, limit: 100 }) }
  })
}
