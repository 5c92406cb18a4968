import { Type } from 'typebox'
import { DateTime, Nullable, OpenObject } from './reply-fields.ts'
import { Run } from './run.ts'

export const Contact = Type.Object({
  id: Type.String(),
  externalId: Type.String(),
  attributes: OpenObject,
  tags: Type.Array(Type.String()),
  ownerId: Nullable(Type.String({ description: 'The sales rep who owns the contact' })),
  createdAt: DateTime,
  updatedAt: DateTime,
})

export const ContactList = Type.Object({ contacts: Type.Array(Contact) })

/** One contact with its latest 100 runs. */
export const ContactWithRuns = Type.Object({ ...Contact.properties, runs: Type.Array(Run) })

export const ContactsBatchReply = Type.Object({
  upserted: Type.Integer(),
  created: Type.Integer({ description: 'Of those, how many were new' }),
})
