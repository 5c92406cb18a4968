import { Type, type Static } from 'typebox'
import { DateTime } from './reply-fields.ts'

export const TemplatePreviewReply = Type.Object({
  text: Type.String(),
  missing: Type.Array(Type.String(), {
    description: 'Variables the template reads that have no value for this contact and event (they render as nothing), e.g. contact.tier, coupon.code; those with a default filter are left out',
  }),
})

export const TemplateVariablesQuery = Type.Object(
  {
    event: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The trigger's event name: recent events of it and their property keys" })),
    contact: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "External id of the preview contact: their events first" })),
  },
  { additionalProperties: false },
)
export type TemplateVariablesQuery = Static<typeof TemplateVariablesQuery>

export const TemplateVariables = Type.Object({
  attributes: Type.Array(Type.String(), { description: 'Attribute keys contacts have (any contact), sorted' }),
  eventProperties: Type.Array(Type.String(), { description: 'Property keys of the recent events below' }),
  events: Type.Array(
    Type.Object({ id: Type.String(), contact: Type.String({ description: 'External id' }), name: Type.String(), occurredAt: DateTime, properties: Type.Record(Type.String(), Type.Unknown()) }),
    { description: "Recent events of the asked name, the contact's own first, newest first (at most 10)" },
  ),
})
