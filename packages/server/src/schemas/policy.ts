import { Type } from 'typebox'
import { Policies } from '../policies/policy-document.ts'
import type { PoliciesView } from '../policies/policy-service.ts'
import { DateTime, filled, Nullable } from './reply-fields.ts'

/** The policies as stored, every default filled in, and when they were last replaced (null: never). */
export const PoliciesReply = filled<PoliciesView>(Type.Object({ ...Policies.properties, updatedAt: Nullable(DateTime) }))
