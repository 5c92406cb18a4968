import { Type, type Static } from 'typebox'
import { validateAgainstSchema } from '@kairos/sdk'
import { Nullable } from '../schemas/reply-fields.ts'

const Channel = Nullable(Type.String({ description: 'The channel the cap counts, null: all channels' }))

/**
 * One policy rule that held a message back or stopped it, as data the editor words in each
 * language (web/src/lib/delivery-reason.ts), beside the English sentence (`deferredBy`,
 * `suppressedBy`) older clients read. A cap in `deferredBy` was waited for (onCap: wait); in
 * `suppressedBy` it stopped the message.
 */
export const PolicyRule = Type.Union(
  [
    Type.Object({
      kind: Type.Literal('quiet_hours'),
      params: Type.Object({ from: Type.String({ description: 'HH:MM' }), to: Type.String({ description: 'HH:MM' }), timeZone: Type.String({ description: 'The clock they were read on' }) }),
    }),
    Type.Object({
      kind: Type.Literal('holiday'),
      params: Type.Object({
        calendar: Type.String(),
        date: Type.String({ description: 'The first day off it skipped, YYYY-MM-DD on the contact\'s clock' }),
        name: Nullable(Type.String({ description: 'The holiday\'s name in the calendar; null for a weekend' })),
        nextWorkday: Type.String({ description: 'The day it goes out instead, YYYY-MM-DD' }),
        timeZone: Type.String(),
      }),
    }),
    Type.Object({
      kind: Type.Literal('cap'),
      params: Type.Object({ scope: Type.Union([Type.Literal('workspace'), Type.Literal('flow')]), channel: Channel, max: Type.Integer(), per: Type.String({ description: 'A duration: 1d, 7d, 12h' }) }),
    }),
    Type.Object({
      kind: Type.Literal('cooling'),
      params: Type.Object({
        rule: Type.String({ description: 'The cooling rule\'s name' }),
        segment: Nullable(Type.String({ description: 'Its audience\'s segment name (its id when the segment is gone); null for an inline condition' })),
        channel: Channel,
        max: Type.Integer(),
        per: Type.String(),
      }),
    }),
    Type.Object({
      kind: Type.Literal('consent'),
      params: Type.Object({
        channel: Type.String(),
        attribute: Nullable(Type.String({ description: 'The consent attribute set false, e.g. consent' })),
        event: Nullable(Type.String({ description: 'The stop event, e.g. sms.stop' })),
      }),
    }),
    Type.Object({ kind: Type.Literal('control_group'), params: Type.Object({}) }),
    Type.Object({ kind: Type.Literal('no_free_time'), params: Type.Object({}, { description: 'No time free of caps and quiet hours was found' }) }),
  ],
  { description: 'A policy rule as data: kind and its parameters' },
)
export type PolicyRule = Static<typeof PolicyRule>

/** What a delivery records about the policies that held it back (column deliveries.policy_reason, migration 0030). */
export const PolicyReason = Type.Object(
  {
    timeZone: Nullable(Type.String({ description: "The contact's timezone (else the journey's) times are told in" })),
    deferredBy: Nullable(Type.Array(PolicyRule, { description: 'The rules that moved it later, in the order they did' })),
    suppressedBy: Nullable(PolicyRule),
  },
  { description: 'Why it was held back or not sent, as data; null on deliveries recorded before it existed (read deferredBy / suppressedBy)' },
)
export type PolicyReason = Static<typeof PolicyReason>

const CONSENT_ATTRIBUTE = /^consent: (\S+) opted out \((.+)\.\S+ = false\)$/
const CONSENT_EVENT = /^consent: (\S+) opted out by event (.+)$/

/** The consent rule of a sentence consent.ts wrote (attributeOptOut, eventOptOut). */
export function consentRule(channel: string, sentence: string): PolicyRule {
  const attribute = CONSENT_ATTRIBUTE.exec(sentence)
  const event = CONSENT_EVENT.exec(sentence)
  return { kind: 'consent', params: { channel, attribute: attribute?.[2] ?? null, event: event?.[2] ?? null } }
}

/**
 * What a delivery records of a decision: the rules that deferred it (only when there are some)
 * or the one that suppressed it, with the timezone its times are told in; null when nothing held it.
 */
export function policyReasonOf(
  decision: ({ send: true; reasons: PolicyRule[] } | { send: false; reason: PolicyRule }) & { timeZone: string | null },
): PolicyReason | null {
  if (!decision.send) return { timeZone: decision.timeZone, deferredBy: null, suppressedBy: decision.reason }
  return decision.reasons.length > 0 ? { timeZone: decision.timeZone, deferredBy: decision.reasons, suppressedBy: null } : null
}

/**
 * What a deferred delivery records once `rule` stops it when it comes due: the rules that
 * deferred it stay beside the one that stopped it (a row older than migration 0030 gets only
 * this one). One function for the deliver job (come-due.ts) and the simulator (settle-simulated.ts).
 */
export function suppressedWhenDue(recorded: PolicyReason | null, rule: PolicyRule): PolicyReason {
  return { timeZone: null, deferredBy: null, ...(recorded ?? {}), suppressedBy: rule }
}

/** A `policy_reason` read back from the database, checked against today's schema: one that does not match is dropped (the sentences remain). */
export function readPolicyReason(value: unknown): PolicyReason | null {
  if (value === null || value === undefined) return null
  return validateAgainstSchema(PolicyReason, value, 'policy_reason').length === 0 ? (value as PolicyReason) : null
}
