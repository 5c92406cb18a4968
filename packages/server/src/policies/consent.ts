import type { ConsentRules } from './policy-document.ts'

/**
 * The consent rule a contact's attributes opt them out of `channel` by, or
 * null: `<attribute>.<channel>` is `false` (`consent: { sms: false }`) on a
 * channel consent guards. Anything but `false` (true, absent) is consent.
 */
export function attributeOptOut(attributes: Record<string, unknown>, consent: ConsentRules, channel: string): string | null {
  if (!consent.channels.includes(channel)) return null
  const value = attributes[consent.attribute]
  if (value !== null && typeof value === 'object' && (value as Record<string, unknown>)[channel] === false)
    return `consent: ${channel} opted out (${consent.attribute}.${channel} = false)`
  return null
}

/** Event names whose latest occurrence decides consent on `channel`. */
export function consentEventNames(consent: ConsentRules, channel: string): string[] {
  return consent.stopEvents.filter((rule) => rule.channel === channel).flatMap((rule) => (rule.start ? [rule.stop, rule.start] : [rule.stop]))
}

/**
 * The stop-event rule that opts the contact out of `channel`, or null, from
 * when each named event last occurred: a stop event with no later start event
 * (ties go to stop: a STOP is never overruled by a simultaneous start).
 */
export function eventOptOut(consent: ConsentRules, channel: string, latest: ReadonlyMap<string, Date>): string | null {
  for (const rule of consent.stopEvents) {
    if (rule.channel !== channel) continue
    const stop = latest.get(rule.stop)
    if (!stop) continue
    const start = rule.start ? latest.get(rule.start) : undefined
    if (!start || start.getTime() <= stop.getTime()) return `consent: ${channel} opted out by event ${rule.stop}`
  }
  return null
}
