import { createHash, randomBytes } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'
import { Type, type Static } from 'typebox'

/**
 * The workspace's global control group (docs/experiments.md): a stable share
 * of contacts who get no marketing message from any journey, on any channel
 * (transactional ones still go), while they still enter journeys, so their
 * goal conversions show what the journeys add. Membership is a hash of the
 * workspace's salt and the contact's id (its external id, the one the API and
 * the client's systems know it by, which a journey simulation's copy of the
 * contact keeps too), nothing stored per contact: a contact
 * is in while its bucket (a number in [0, 1)) is below `percent` / 100.
 * Raising the percentage keeps every member and adds some; lowering it lets
 * out only those above the new line; the salt is kept across changes (0 pauses
 * the group and keeps its salt), so the same contacts come back.
 */
export const ControlGroupPolicy = Type.Object(
  {
    percent: Type.Number({ minimum: 0, maximum: 50, description: 'Share of contacts held out of every marketing message, 0 to 50 (0: none, the group paused)' }),
    salt: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'Chosen by Kairos when the group is first set and kept when left out; a new salt draws a new group',
      }),
    ),
  },
  { additionalProperties: false },
)
export type ControlGroupPolicy = Static<typeof ControlGroupPolicy>

/** The rule a control contact's marketing messages are suppressed by (`suppressedBy`). */
export const CONTROL_GROUP_RULE = 'control_group'

/** A new workspace salt. */
export function newControlSalt(): string {
  return randomBytes(12).toString('base64url')
}

/** The contact's bucket in [0, 1): the first 48 bits of SHA-256 of `salt:externalId`. */
export function controlBucket(salt: string, externalId: string): number {
  return createHash('sha256').update(`${salt}:${externalId}`).digest().readUIntBE(0, 6) / 2 ** 48
}

/** Whether the contact (by external id) is in the control group; never without a group, a salt or a percentage. */
export function inControlGroup(policy: ControlGroupPolicy | null | undefined, externalId: string): boolean {
  if (!policy || !policy.salt || policy.percent <= 0) return false
  return controlBucket(policy.salt, externalId) < policy.percent / 100
}

/** `inControlGroup` in SQL for an external id column (reports): the same hash and line, so both agree contact for contact. */
export function inControlGroupSql(policy: ControlGroupPolicy & { salt: string }, externalId: RawBuilder<unknown>): RawBuilder<boolean> {
  const line = (policy.percent / 100) * 2 ** 48
  return sql<boolean>`(('x' || encode(substring(sha256(convert_to(${policy.salt} || ':' || (${externalId})::text, 'UTF8')) from 1 for 6), 'hex'))::bit(48)::bigint < ${line}::float8)`
}
