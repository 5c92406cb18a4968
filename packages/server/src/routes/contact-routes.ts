import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ContactsQuery, ExternalIdParams, pageSize, UpsertContactBody, UpsertContactsBody } from '../schemas/api.ts'
import { KairosError } from '../errors.ts'

/** Contacts by external id: upsert (attributes merge) and read with tags and runs. */
export const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { contacts, runs } = app.kairos
  app.get('/api/contacts', { schema: { tags: ['contacts'], querystring: ContactsQuery } }, async (request) => ({
    contacts: await contacts.search(request.query.q, pageSize(request.query.limit)),
  }))
  app.put('/api/contacts/:externalId', { schema: { tags: ['contacts'], params: ExternalIdParams, body: UpsertContactBody } }, async (request) =>
    contacts.upsert(request.params.externalId, request.body),
  )
  // Imports: up to 1000 contacts in one transaction; the answer counts them rather than echoing them.
  app.post('/api/contacts/batch', { schema: { tags: ['contacts'], body: UpsertContactsBody } }, async (request) => {
    const seen = new Map<string, number>()
    const duplicates = request.body.contacts.flatMap((contact, i) => {
      const first = seen.get(contact.externalId)
      seen.set(contact.externalId, first ?? i)
      return first === undefined ? [] : [{ field: `body.contacts[${i}].externalId`, message: `"${contact.externalId}" is already body.contacts[${first}]` }]
    })
    if (duplicates.length > 0) throw new KairosError('KAIROS_VALIDATION', `${duplicates[0].field} ${duplicates[0].message}`, duplicates)
    const { contacts: written, created } = await contacts.upsertMany(request.body.contacts)
    return { upserted: written.length, created }
  })
  app.get('/api/contacts/:externalId', { schema: { tags: ['contacts'], params: ExternalIdParams } }, async (request) => {
    const contact = await contacts.get(request.params.externalId)
    return { ...contact, runs: await runs.list({ contact: contact.externalId, limit: 100 }) }
  })
}
