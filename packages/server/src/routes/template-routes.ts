import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { renderTemplate, templateScope, type ContactSnapshot } from '@kairos/sdk'
import { salesScope } from '../auth/principal.ts'
import { KairosError } from '../errors.ts'
import { TemplatePreviewBody } from '../schemas/api.ts'
import { TemplatePreviewReply, TemplateVariables, TemplateVariablesQuery } from '../schemas/template.ts'
import { missingVariables } from '../templates/missing-variables.ts'
import { previewLinks } from '../tracking/preview-links.ts'
import { attributeKeys, sampleEvents } from '../templates/template-variables.ts'

const SAMPLE_CONTACT: ContactSnapshot = { id: '0', externalId: 'sample', attributes: {}, tags: [], ownerId: null }

/**
 * Message templates before publishing: a preview against a real contact or an empty sample,
 * naming the variables that would render as nothing; and what a template can use (attribute
 * keys across contacts, recent events of the trigger's event and their property keys).
 */
export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/templates/preview', { config: { permission: 'read' }, schema: { tags: ['templates'], body: TemplatePreviewBody, response: { 200: TemplatePreviewReply } } }, async (request) => {
    const { template, contact: externalId, event } = request.body
    const contact = externalId ? await app.kairos.contacts.get(externalId) : undefined
    const snapshot = contact
      ? { id: contact.id, externalId: contact.externalId, attributes: contact.attributes, tags: contact.tags, ownerId: contact.ownerId }
      : SAMPLE_CONTACT
    const eventSnapshot = event
      ? { id: 'preview', name: event.name, properties: event.properties ?? {}, occurredAt: new Date().toISOString() }
      : undefined
    const scope = templateScope(snapshot, eventSnapshot, { id: 'preview', flowId: 'preview' })
    try {
      // Tracked links render as preview links (/c/preview-01): nothing is stored, and they lead nowhere.
      return { text: await renderTemplate(template, scope, { links: previewLinks(app.kairos.execution.tracking?.publicUrl) }), missing: await missingVariables(template, scope) }
    } catch (error) {
      // A refused tag, a syntax error or a template over one of TEMPLATE_LIMITS: the template is at fault.
      const message = (error as Error).message
      throw new KairosError('KAIROS_VALIDATION', `body.template: ${message}`, [{ field: 'body.template', message }])
    }
  })

  app.get('/api/templates/variables', { config: { permission: 'contacts:read' }, schema: { tags: ['templates'], querystring: TemplateVariablesQuery, response: { 200: TemplateVariables } } }, async (request) => {
    const { event, contact } = request.query
    const db = app.kairos.database.db
    // A sales rep reads their own contacts only: sample events come from the chosen contact then.
    const samples = event ? await sampleEvents(db, event, contact, salesScope(request.principal) === null) : { events: [], propertyKeys: [] }
    return { attributes: await attributeKeys(db), eventProperties: samples.propertyKeys, events: samples.events }
  })
}
