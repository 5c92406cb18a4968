import type { PolicyRule } from '../policies/policy-rule.ts'

/** How a channel's messages are named in a sentence: "at most 2 marketing SMS per 1d". */
const CHANNEL_WORDS: Record<string, string> = { sms: 'SMS', email: 'emails', call: 'calls', wecom: 'WeCom notices', webhook: 'webhooks' }
export const channelWords = (channel: string) => CHANNEL_WORDS[channel] ?? `${channel} messages`
const CHANNEL_NAMES: Record<string, string> = { sms: 'SMS', call: 'calls', wecom: 'WeCom' }
export const channelName = (channel: string) => CHANNEL_NAMES[channel] ?? channel

/** "at most 2 marketing SMS per 1d" (all channels: "messages"). */
export const capPhrase = (channel: string | null, max: number, per: string) => `at most ${max} marketing ${channel ? channelWords(channel) : 'messages'} per ${per}`

/**
 * One recorded rule (policy-rule.ts) as an English phrase, for API clients that read
 * `explanation` (the editor words the rule itself, in the operator's language). A zone is named
 * only when it is not `shownZone`, the one the sentence tells times in already.
 */
export function describePolicyRule(rule: PolicyRule, shownZone?: string): string {
  const zone = (timeZone: string) => (timeZone === shownZone ? '' : ` (${timeZone})`)
  switch (rule.kind) {
    case 'quiet_hours':
      return `quiet hours ${rule.params.from}–${rule.params.to}${zone(rule.params.timeZone)}`
    case 'holiday': {
      const { calendar, date, name, nextWorkday, timeZone } = rule.params
      return `${name ? `the holiday ${name}` : 'the weekend'} on ${date}${zone(timeZone)} (calendar ${calendar}; next allowed day ${nextWorkday})`
    }
    case 'cap':
      return `${capPhrase(rule.params.channel, rule.params.max, rule.params.per)}${rule.params.scope === 'flow' ? " (this journey's cap)" : ''}`
    case 'cooling': {
      const { rule: name, segment, channel, max, per } = rule.params
      return `the cooling rule "${name}" (${segment ? `segment "${segment}"` : 'its condition'}): ${capPhrase(channel, max, per)}`
    }
    case 'consent':
      return `the contact opted out of ${channelName(rule.params.channel)} (${rule.params.event ? `event ${rule.params.event}` : `${rule.params.attribute}.${rule.params.channel} = false`})`
    case 'control_group':
      return 'the contact is in the global control group'
    case 'no_free_time':
      return 'no time free of caps and quiet hours was found'
  }
}
