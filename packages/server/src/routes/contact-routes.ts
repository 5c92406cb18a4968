import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ContactsQuery, ExternalIdParams, pageSize, UpsertContactBody, UpsertContactsBody } from '../schemas/api.ts'
import { KairosError, notFound } from '../errors.ts'
import { salesScope } from '../auth/principal.ts'
import { Contact, ContactList, ContactsBatchReply, ContactWithRuns } from '../schemas/contact.ts'

/** Contacts by external id: upsert (attributes merge) and read with tags and runs. */
export const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { contacts, runs } = app.kairos
  app.get('/api/contacts', { config: { permission: 'contacts:read' }, schema: { tags: ['contacts'], querystring: ContactsQuery, response: { 200: ContactList } } }, async (request) => ({
    contacts: await contacts.search(request.query.q, pageSize(request.query.limit), salesScope(request.principal)),
  }))
  app.put('/api/contacts/:externalId', { config: { permission: 'contacts:write' }, schema: { tags: ['contacts'], params: ExternalIdParams, body: UpsertContactBody, response: { 200: Contact } } }, async (request) =>
    contacts.upsert(request.params.externalId, request.body),
  )
  // Imports: up to 1000 contacts in one transaction; the answer counts them rather than echoing them.
  app.post('/api/contacts/batch', { config: { permission: 'contacts:write' }, schema: { tags: ['contacts'], body: UpsertContactsBody, response: { 200: ContactsBatchReply } } }, async (request) => {
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
  app.get('/api/contacts/:externalId', { config: { permission: 'contacts:read' }, schema: { tags: ['contacts'], params: ExternalIdParams, response: { 200: ContactWithRuns } } }, async (request) => {
    const contact = await contacts.get(request.params.externalId)
    // A sales user sees the contacts they own; another's reads as missing, as it is to them.
    const owner = salesScope(request.principal)
    if (owner !== null && contact.ownerId !== owner) throw notFound('contact', request.params.externalId)
    return { ...contact, runs: await runs.list({ contact: contact.externalId, limit: 100 }) }
  })
}
