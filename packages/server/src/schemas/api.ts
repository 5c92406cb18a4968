import { FlowGraph } from '@kairos/engine'
import { TEMPLATE_LIMITS } from '@kairos/sdk'
import { Type, type Static } from 'typebox'

const NAME = Type.String({ minLength: 1, maxLength: 200 })

export const CreateFlowBody = Type.Object(
  { name: NAME, graph: FlowGraph, source: Type.Optional(Type.Literal('import', { description: 'Set by the editor when the graph came from a file: the audit trail says "imported"' })) },
  { additionalProperties: false },
)
export type CreateFlowBody = Static<typeof CreateFlowBody>

export const UpdateFlowBody = Type.Object(
  { name: Type.Optional(NAME), graph: Type.Optional(FlowGraph) },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateFlowBody = Static<typeof UpdateFlowBody>

/** Publishing takes no fields: who published is the caller (the logged-in user, or the API key). */
export const PublishBody = Type.Optional(Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()]))

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
export const ExternalIdParams = Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 200 }) })

export const UpsertContactBody = Type.Object(
  {
    attributes: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown())),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 500 })),
    ownerId: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
)
export type UpsertContactBody = Static<typeof UpsertContactBody>

export const MAX_CONTACTS_PER_BATCH = 1000

/** Many contacts at once, each as PUT /api/contacts/:externalId takes it plus its external id. */
export const UpsertContactsBody = Type.Object(
  {
    contacts: Type.Array(
      Type.Object({ externalId: ExternalIdParams.properties.externalId, ...UpsertContactBody.properties }, { additionalProperties: false }),
      { minItems: 1, maxItems: MAX_CONTACTS_PER_BATCH },
    ),
  },
  { additionalProperties: false },
)

export const MAX_EVENTS_PER_BATCH = 1000

const EventFields = {
  contact: Type.String({ minLength: 1, maxLength: 200, description: 'External id of the contact (created if unknown)' }),
  name: Type.String({ minLength: 1, maxLength: 200, description: 'Event name, e.g. cart_added' }),
  properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Idempotency id: a repeat is accepted and ignored' })),
  occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
}
export const EventInput = Type.Object(EventFields, { additionalProperties: false })

/** One event, or `{ events: [...] }` with up to 1000. Which one is checked in the handler, so errors name the field. */
export const PostEventsBody = Type.Object(
  {
    events: Type.Optional(Type.Array(EventInput, { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH })),
    contact: Type.Optional(EventFields.contact),
    name: Type.Optional(EventFields.name),
    properties: EventFields.properties,
    id: EventFields.id,
    occurredAt: EventFields.occurredAt,
  },
  { additionalProperties: false },
)
export type PostEventsBody = Static<typeof PostEventsBody>

/** Query strings arrive as text (no coercion), so the page size is digits, capped at 1000 by `pageSize`. */
export const LIMIT = Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,3}$', description: 'Page size, 1–1000 (default 100)' }))

export function pageSize(limit: string | undefined): number {
  return Math.min(1000, Number(limit ?? 100))
}

export const RunsQuery = Type.Object(
  {
    flow: Type.Optional(Type.String({ format: 'uuid' })),
    contact: Type.Optional(Type.String({ minLength: 1 })),
    status: Type.Optional(
      Type.Union(['running', 'waiting', 'completed', 'exited', 'failed', 'cancelled'].map((s) => Type.Literal(s))),
    ),
    before: Type.Optional(Type.String({ pattern: '^\\d{1,18}$' })),
    limit: LIMIT,
  },
  { additionalProperties: false },
)
export type RunsQuery = Static<typeof RunsQuery>

export const DeliveriesQuery = Type.Object(
  {
    contact: Type.Optional(Type.String({ minLength: 1 })),
    flow: Type.Optional(Type.String({ format: 'uuid' })),
    channel: Type.Optional(Type.String({ minLength: 1 })),
    status: Type.Optional(Type.String({ minLength: 1 })),
    run: Type.Optional(Type.String({ pattern: '^\\d{1,18}$' })),
    limit: LIMIT,
  },
  { additionalProperties: false },
)
export type DeliveriesQuery = Static<typeof DeliveriesQuery>

export const TemplatePreviewBody = Type.Object(
  {
    template: Type.String({ maxLength: TEMPLATE_LIMITS.parseCharacters }),
    contact: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'External id of a contact to render for' })),
    event: Type.Optional(Type.Object({ name: Type.String({ minLength: 1 }), properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
  },
  { additionalProperties: false },
)
export type TemplatePreviewBody = Static<typeof TemplatePreviewBody>

export const ContactsQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200 })), limit: LIMIT },
  { additionalProperties: false },
)
export type ContactsQuery = Static<typeof ContactsQuery>

/** A provider's receipt for a delivery. */
export const DeliveryReceiptBody = Type.Object(
  {
    status: Type.Union([Type.Literal('delivered'), Type.Literal('read'), Type.Literal('clicked'), Type.Literal('failed')]),
    at: Type.Optional(Type.String({ format: 'date-time' })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
