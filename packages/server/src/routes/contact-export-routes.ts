import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { salesScope } from '../auth/principal.ts'
import { contactsCsv } from '../contacts/contact-export.ts'

/**
 * The contacts as a CSV file (the editor's Export button, a spreadsheet, a backup). Not under
 * /api/contacts/, where any name is a contact's external id. A sales user gets their own.
 */
export const contactExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/exports/contacts', {
    config: { permission: 'contacts:read' },
    schema: {
      tags: ['contacts'],
      description: 'Every contact as CSV (UTF-8 with a byte-order mark): externalId, ownerId, tags joined by ";", then one column per attribute key, sorted; objects and lists as JSON',
      // CSV on success only: a refusal is the usual JSON error reply.
      response: { 200: { description: 'CSV text', content: { 'text/csv': { schema: Type.Unsafe<Readable>({ type: 'string' }) } } } },
    },
  }, async (request, reply) => {
    const day = app.kairos.clock.now().toISOString().slice(0, 10)
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="contacts-${day}.csv"`)
    return reply.send(Readable.from(contactsCsv(app.kairos.database.db, salesScope(request.principal))))
  })
}
