import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { renderTemplate, templateScope, type ContactSnapshot } from '@kairos/sdk'
import { KairosError } from '../errors.ts'
import { Type } from 'typebox'
import { TemplatePreviewBody } from '../schemas/api.ts'

const SAMPLE_CONTACT: ContactSnapshot = { id: '0', externalId: 'sample', attributes: {}, tags: [], ownerId: null }

/** Renders a message template before publishing, against a real contact or an empty sample. */
export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/templates/preview', { config: { permission: 'read' }, schema: { tags: ['templates'], body: TemplatePreviewBody, response: { 200: Type.Object({ text: Type.String() }) } } }, async (request) => {
    const { template, contact: externalId, event } = request.body
    const contact = externalId ? await app.kairos.contacts.get(externalId) : undefined
    const snapshot = contact
      ? { id: contact.id, externalId: contact.externalId, attributes: contact.attributes, tags: contact.tags, ownerId: contact.ownerId }
      : SAMPLE_CONTACT
    const eventSnapshot = event
      ? { id: 'preview', name: event.name, properties: event.properties ?? {}, occurredAt: new Date().toISOString() }
      : undefined
    try {
      return { text: await renderTemplate(template, templateScope(snapshot, eventSnapshot, { id: 'preview', flowId: 'preview' })) }
    } catch (error) {
      // A refused tag, a syntax error or a template over one of TEMPLATE_LIMITS: the template is at fault.
      const message = (error as Error).message
      throw new KairosError('KAIROS_VALIDATION', `body.template: ${message}`, [{ field: 'body.template', message }])
    }
  })
}
