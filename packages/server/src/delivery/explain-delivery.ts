import { isTimeZone, zonedParts } from '@kairos/sdk'
import type { PolicyReason } from '../policies/policy-rule.ts'
import { capPhrase, channelName, describePolicyRule } from './explain-rule.ts'
import { CONTROL_GROUP_RULE } from '../policies/control-group.ts'

const QUIET = /^quiet hours (\d\d:\d\d)-(\d\d:\d\d) \((.+)\)$/
const CAP = /^(flow cap|cap): (?:(\S+) )?(\d+) per (\S+?)( \(wait\))?$/
const CONSENT_ATTRIBUTE = /^consent: (\S+) opted out \((.+) = false\)$/
const CONSENT_EVENT = /^consent: (\S+) opted out by event (.+)$/
const COOLING = /^cooling "(.+)" \((?:segment "(.+)"|condition)\): (?:(\S+) )?(\d+) per (\S+?)( \(wait\))?$/
const HOLIDAY = /^holiday calendar (\S+): (.+) \((.+)\)$/

/**
 * One policy rule's sentence (a row recorded before deliveries kept their rules as data,
 * migration 0030) as a phrase: "quiet hours 21:00–09:00 (Asia/Shanghai)" (without the zone when
 * it is `shownZone`), "at most 2 marketing SMS per 1d", a cooling rule's, a holiday's, the rule
 * itself when it is none of these.
 */
export function describeRule(rule: string, shownZone?: string): string {
  const quiet = QUIET.exec(rule)
  if (quiet) return `quiet hours ${quiet[1]}–${quiet[2]}${quiet[3] === shownZone ? '' : ` (${quiet[3]})`}`
  const cap = CAP.exec(rule)
  if (cap) {
    const [, scope, channel, max, per] = cap
    return `${capPhrase(channel ?? null, Number(max), per)}${scope === 'flow cap' ? " (this journey's cap)" : ''}`
  }
  const cooling = COOLING.exec(rule)
  if (cooling) {
    const [, name, segment, channel, max, per] = cooling
    return `the cooling rule "${name}" (${segment ? `segment "${segment}"` : 'its condition'}): ${capPhrase(channel ?? null, Number(max), per)}`
  }
  const holiday = HOLIDAY.exec(rule)
  if (holiday) return `${holiday[2] === 'weekend' ? 'the weekend' : `the holiday ${holiday[2]}`}${holiday[3] === shownZone ? '' : ` (${holiday[3]})`} (calendar ${holiday[1]})`
  if (rule === CONTROL_GROUP_RULE) return 'the contact is in the global control group'
  const attribute = CONSENT_ATTRIBUTE.exec(rule)
  if (attribute) return `the contact opted out of ${channelName(attribute[1])} (${attribute[2]} = false)`
  const event = CONSENT_EVENT.exec(rule)
  if (event) return `the contact opted out of ${channelName(event[1])} (event ${event[2]})`
  return rule
}

const pad = (n: number) => String(n).padStart(2, '0')

/** `instant` on the clock of `zone`: "2027-03-03 09:00 Asia/Shanghai". */
function localTime(instant: Date, zone: string): string {
  const p = zonedParts(instant, zone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} ${zone}`
}

/** "2027-03-03 09:00 Asia/Shanghai (2027-03-03 01:00 UTC)"; a UTC contact's time once. */
const bothTimes = (instant: Date, zone: string) => (zone === 'UTC' ? localTime(instant, zone) : `${localTime(instant, zone)} (${localTime(instant, 'UTC')})`)

/** The zone an old row's deferral is told in, with no zone recorded nor known for the contact: its quiet hours' or holiday's, else UTC. */
function zoneOfSentence(deferredBy: string): string {
  for (const part of deferredBy.split('; ')) {
    const zone = QUIET.exec(part)?.[3] ?? HOLIDAY.exec(part)?.[3]
    if (zone && isTimeZone(zone)) return zone
  }
  return 'UTC'
}

/** What `explainDelivery` reads of a delivery. */
export interface ExplainedDelivery {
  status: string
  sendAt: Date | null
  deferredBy: string | null
  error: string | null
  /** The rules as data (null on rows older than migration 0030: the sentences are read instead). */
  reason: PolicyReason | null
  /** The contact's timezone attribute, for rows that recorded none. */
  contactZone?: string | null
}

/**
 * What a held-back message's status, time and rules say, in one English sentence; null for one
 * nothing held back. Times are told on the contact's clock (the zone recorded with the decision,
 * else the contact's, else the quiet hours'), with UTC beside it, whichever rule deferred it.
 */
export function explainDelivery(delivery: ExplainedDelivery): string | null {
  const { reason } = delivery
  if (delivery.status === 'suppressed')
    return `not sent: ${reason?.suppressedBy ? describePolicyRule(reason.suppressedBy) : describeRule(delivery.error ?? 'suppressed by a policy')}`
  if (delivery.status === 'failed') return `not sent: the provider failed${delivery.error ? ` (${delivery.error})` : ''}`
  if (!delivery.deferredBy || !delivery.sendAt) return null
  const known = [reason?.timeZone, delivery.contactZone].find((zone): zone is string => typeof zone === 'string' && isTimeZone(zone))
  const zone = known ?? zoneOfSentence(delivery.deferredBy)
  const rules = reason?.deferredBy?.length
    ? reason.deferredBy.map((rule) => describePolicyRule(rule, zone))
    : delivery.deferredBy.split('; ').map((rule) => describeRule(rule, zone))
  const held = `held until ${bothTimes(delivery.sendAt, zone)} by ${rules.join(' and ')}`
  if (delivery.status === 'scheduled') return held
  if (delivery.status === 'queued') return `${held}; now with its provider`
  return `${held}, then sent`
}
