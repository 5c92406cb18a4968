import { isTimeZone, zonedParts } from '@kairos/sdk'

/** How a channel's messages are named in a sentence: "at most 2 marketing SMS per 1d". */
const CHANNEL_WORDS: Record<string, string> = { sms: 'SMS', email: 'emails', call: 'calls', wecom: 'WeCom notices', webhook: 'webhooks' }
const channelWords = (channel: string) => CHANNEL_WORDS[channel] ?? `${channel} messages`
const CHANNEL_NAMES: Record<string, string> = { sms: 'SMS', call: 'calls', wecom: 'WeCom' }
const channelName = (channel: string) => CHANNEL_NAMES[channel] ?? channel

const QUIET = /^quiet hours (\d\d:\d\d)-(\d\d:\d\d) \((.+)\)$/
const CAP = /^(flow cap|cap): (?:(\S+) )?(\d+) per (\S+?)( \(wait\))?$/
const CONSENT_ATTRIBUTE = /^consent: (\S+) opted out \((.+) = false\)$/
const CONSENT_EVENT = /^consent: (\S+) opted out by event (.+)$/

/**
 * One policy rule as a phrase: "quiet hours 21:00–09:00 (Asia/Shanghai)" (without the zone when
 * it is `shownZone`, the one the sentence already names), "at most 2 marketing SMS per 1d", the
 * rule itself when it is none of the policies' (a cancelled run's).
 */
export function describeRule(rule: string, shownZone?: string): string {
  const quiet = QUIET.exec(rule)
  if (quiet) return `quiet hours ${quiet[1]}–${quiet[2]}${quiet[3] === shownZone ? '' : ` (${quiet[3]})`}`
  const cap = CAP.exec(rule)
  if (cap) {
    const [, scope, channel, max, per] = cap
    return `at most ${max} marketing ${channel ? channelWords(channel) : 'messages'} per ${per}${scope === 'flow cap' ? " (this journey's cap)" : ''}`
  }
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

/** The zone a deferral is told in: the one its quiet hours were read in, else UTC. */
function zoneOf(deferredBy: string): string {
  for (const part of deferredBy.split('; ')) {
    const zone = QUIET.exec(part)?.[3]
    if (zone && isTimeZone(zone)) return zone
  }
  return 'UTC'
}

/** What a held-back message's status, time and rules say, in one sentence; null for one nothing held back. */
export function explainDelivery(delivery: { status: string; sendAt: Date | null; deferredBy: string | null; error: string | null }): string | null {
  if (delivery.status === 'suppressed') return `not sent: ${describeRule(delivery.error ?? 'suppressed by a policy')}`
  if (delivery.status === 'failed') return `not sent: the provider failed${delivery.error ? ` (${delivery.error})` : ''}`
  if (!delivery.deferredBy || !delivery.sendAt) return null
  const zone = zoneOf(delivery.deferredBy)
  const held = `held until ${localTime(delivery.sendAt, zone)} by ${delivery.deferredBy.split('; ').map((rule) => describeRule(rule, zone)).join(' and ')}`
  if (delivery.status === 'scheduled') return held
  if (delivery.status === 'queued') return `${held}; now with its provider`
  return `${held}, then sent`
}
