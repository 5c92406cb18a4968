// Why a message was held back or not sent, in the editor's language: worded from the rule the
// policy recorded (`policyReason` on GET /api/deliveries, /api/contacts/:id/messages), with its
// times on the contact's clock and UTC beside; a row recorded before rules were kept as data
// shows the server's English sentence (`deferredBy`, `suppressedBy`) inside the locale's framing.
// One formatter for the message timeline, the outbox and the simulated messages. It reads the
// catalog itself (no vue-i18n instance), so it runs the same in the editor and in unit tests.
import type { Delivery } from '../api/types.ts'
import catalog from '../i18n/messages/deliveryReasons.ts'

/** What a delivery records about the policies that held it back. */
export type PolicyReason = NonNullable<Delivery['policyReason']>
/** One recorded rule: `{ kind, params }`. */
export type PolicyRule = NonNullable<PolicyReason['suppressedBy']>

/** What the formatter reads of a message: a delivery, a contact's message or a simulated one (each carries `policyReason` when its row has one). */
export interface HeldMessage {
  status: string
  sendAt: string | null
  deferredBy: string | null
  suppressedBy: string | null
  policyReason?: PolicyReason | null
}

/** `held`: it goes out later; `was-held`: it went out later than due; `suppressed`: a rule stopped it. */
export interface DeliveryReasonText {
  tone: 'held' | 'was-held' | 'suppressed'
  text: string
}

type Words = (typeof catalog)['en']
/** A language the catalog speaks (the editor's `Locale`; named here so the module needs no browser globals). */
export type Locale = keyof typeof catalog

/** Fills `{name}` placeholders; a "one | many" message picks its form by `count`. */
function fill(message: string, params: Record<string, string | number>, count?: number): string {
  const forms = message.split(' | ')
  const form = forms.length > 1 && count !== undefined ? forms[count === 1 ? 0 : forms.length - 1] : forms[0]
  return form.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

const UNIT = /^(\d+)(ms|s|m|h|d|w)$/

/** "per 7 days", "每 7 天", "每天"; a compound window (1h30m) as written. */
function period(words: Words, per: string): string {
  const single = UNIT.exec(per)
  if (!single) return fill(words.period.raw, { per })
  const n = Number(single[1])
  return fill(words.period[single[2] as Exclude<keyof Words['period'], 'raw'>], { n }, n)
}

/** "at most 1 marketing SMS per 7 days" parts: the count with its channel's noun, and the window. */
function capWords(words: Words, channel: string | null, max: number, per: string) {
  const noun = words.count[(channel && channel in words.count ? channel : 'other') as keyof Words['count']]
  return { count: fill(noun, { n: max }, max), period: period(words, per) }
}

const channelName = (words: Words, channel: string) => words.channel[channel as keyof Words['channel']] ?? channel

/** One rule as a phrase of the locale: "免打扰时段 21:00–09:00", "冷却规则“投诉客户”（分群“投诉客户”）：每 7 天最多 1 条短信". */
export function rulePhrase(locale: Locale, rule: PolicyRule): string {
  const words = catalog[locale] as Words
  switch (rule.kind) {
    case 'quiet_hours':
      return fill(words.rule.quietHours, rule.params)
    case 'holiday': {
      const { name, date, nextWorkday, calendar } = rule.params
      return fill(name ? words.rule.holiday : words.rule.weekend, { name: name ?? '', date, next: nextWorkday, calendar })
    }
    case 'cap':
      return fill(rule.params.scope === 'flow' ? words.rule.flowCap : words.rule.cap, capWords(words, rule.params.channel, rule.params.max, rule.params.per))
    case 'cooling': {
      const { rule: name, segment, channel, max, per } = rule.params
      return fill(segment ? words.rule.cooling : words.rule.coolingCondition, { rule: name, segment: segment ?? '', ...capWords(words, channel, max, per) })
    }
    case 'consent': {
      const { channel, event, attribute } = rule.params
      const params = { channel: channelName(words, channel), event: event ?? '', attribute: attribute ?? '', key: channel }
      return fill(event ? words.rule.consentEvent : words.rule.consentAttribute, params)
    }
    case 'control_group':
      return words.rule.controlGroup
    case 'no_free_time':
      return words.rule.noFreeTime
  }
}

/** `iso` on the clock of `timeZone`, dated the locale's way: "3月3日 09:00", "Mar 3, 09:00". */
function timeIn(locale: Locale, iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone }
  try {
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso))
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(iso))
  }
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * Why `message` was held back or not sent, in `locale`; null when nothing held it back. It is
 * `held` (future tense) while scheduled or due after `now`, `was-held` once it went out.
 */
export function deliveryReasonIn(locale: Locale, message: HeldMessage, now = Date.now()): DeliveryReasonText | null {
  const words = catalog[locale] as Words
  const reason = message.policyReason ?? null
  if (message.status === 'suppressed') {
    if (reason?.suppressedBy) return { tone: 'suppressed', text: fill(words.notSent, { rule: rulePhrase(locale, reason.suppressedBy) }) }
    return message.suppressedBy ? { tone: 'suppressed', text: fill(words.fallbackNotSent, { rule: message.suppressedBy }) } : null
  }
  if (!message.deferredBy || !message.sendAt || message.status === 'failed') return null
  const future = message.status === 'scheduled' || new Date(message.sendAt).getTime() > now
  if (!reason?.deferredBy?.length) return { tone: future ? 'held' : 'was-held', text: fill(words.fallbackHeld, { rule: message.deferredBy }) }
  const zone = reason.timeZone ?? 'UTC'
  const params = {
    rules: reason.deferredBy.map((rule) => rulePhrase(locale, rule)).join(words.and),
    local: timeIn(locale, message.sendAt, zone),
    utc: timeIn(locale, message.sendAt, 'UTC'),
  }
  return { tone: future ? 'held' : 'was-held', text: capitalized(fill(future ? words.heldUntil : words.heldThenSent, params)) }
}
