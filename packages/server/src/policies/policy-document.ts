import { FrequencyCap, QuietHours } from '@kairos/engine'
import { Type, type Static } from 'typebox'
import { CoolingRule } from './cooling-rule.ts'
export { CoolingRule } from './cooling-rule.ts'
import { HolidayPolicy } from './holiday-policy.ts'
import { ControlGroupPolicy } from './control-group.ts'

/**
 * Opting out of a channel by event: the contact's latest `stop` event (an
 * inbound `STOP` reply ingested as `sms.stop`, say) opts them out of
 * `channel` until a later `start` event, when one is named.
 */
export const StopEventRule = Type.Object(
  {
    channel: Type.String({ minLength: 1, description: 'The channel the event opts out of, e.g. sms' }),
    stop: Type.String({ minLength: 1, description: 'Event name that opts the contact out, e.g. sms.stop' }),
    start: Type.Optional(Type.String({ minLength: 1, description: 'Event name that opts them back in, e.g. sms.start' })),
  },
  { additionalProperties: false },
)
export type StopEventRule = Static<typeof StopEventRule>

/**
 * Consent, checked for every message (transactional too) on the guarded
 * `channels`: a contact whose attribute `<attribute>.<channel>` is `false`
 * (`consent: { sms: false }` with the defaults) gets nothing on that channel,
 * nor after a stop event (see `StopEventRule`). WeCom robot notices reach
 * staff and webhooks reach systems, so by default only sms, email and call
 * are guarded.
 */
export const ConsentRules = Type.Object(
  {
    attribute: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_]+$', default: 'consent', description: 'Contact attribute holding { <channel>: false } opt-outs' })),
    channels: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { default: ['sms', 'email', 'call'], maxItems: 20, description: 'Channels consent guards' })),
    stopEvents: Type.Optional(Type.Array(StopEventRule, { default: [], maxItems: 20 })),
  },
  { additionalProperties: false },
)
/** Consent rules after validation, which fills every field in. */
export type ConsentRules = Required<Static<typeof ConsentRules>>

/**
 * The workspace's message policies, one document for the installation.
 * `caps` and `quietHours` apply to marketing messages only; consent to every
 * message. A flow's settings add to them: its caps apply as well as these,
 * its `quietHours` (null included) replace these, its `onCap` replaces this.
 * `cooling` rules add caps for the contacts of an audience; `holidays` keeps
 * marketing messages off a holiday calendar's days off; `controlGroup` holds a
 * share of contacts out of every marketing message.
 * Defaults: no caps, no quiet hours, `onCap: 'suppress'`, consent as in
 * `ConsentRules`, no cooling rules, no holiday calendar.
 */
export const Policies = Type.Object(
  {
    caps: Type.Optional(Type.Array(FrequencyCap, { default: [], maxItems: 20, description: 'At most `max` marketing messages per contact within `per`, on `channel` or all' })),
    quietHours: Type.Optional(Type.Union([QuietHours, Type.Null()], { default: null, description: "No marketing message between from and to in the contact's timezone" })),
    onCap: Type.Optional(Type.Union([Type.Literal('suppress'), Type.Literal('wait')], { default: 'suppress', description: 'A capped message is suppressed, or waits for the window to free up' })),
    consent: Type.Optional(Type.Object(ConsentRules.properties, { additionalProperties: false, default: { attribute: 'consent', channels: ['sms', 'email', 'call'], stopEvents: [] } })),
    cooling: Type.Optional(Type.Array(CoolingRule, { default: [], maxItems: 20, description: 'Tighter caps for an audience (a saved segment or a condition), on top of `caps`' })),
    holidays: Type.Optional(Type.Union([HolidayPolicy, Type.Null()], { default: null, description: 'No marketing message on the public holidays of an uploaded calendar' })),
    controlGroup: Type.Optional(Type.Union([ControlGroupPolicy, Type.Null()], { default: null, description: 'A stable share of contacts who get no marketing message from any journey (docs/experiments.md)' })),
  },
  { additionalProperties: false },
)
/**
 * The policies after validation (ajv's `useDefaults` fills in what a caller left out, so the
 * OpenAPI document lists every field as optional with its default while code reads them all).
 */
export type Policies = Required<Omit<Static<typeof Policies>, 'consent' | 'cooling' | 'holidays' | 'controlGroup'>> & {
  consent: ConsentRules
  cooling: CoolingRule[]
  holidays: HolidayPolicy | null
  controlGroup: ControlGroupPolicy | null
}

/** What applies before anyone configured anything: consent only. */
export const DEFAULT_POLICIES: Policies = {
  caps: [],
  quietHours: null,
  onCap: 'suppress',
  consent: { attribute: 'consent', channels: ['sms', 'email', 'call'], stopEvents: [] },
  cooling: [],
  holidays: null,
  controlGroup: null,
}
