import type { QuietHours } from '@kairos/engine'
import { brokenCap, firstFreeTime, type ActiveCap, type SentMessage } from './frequency-caps.ts'
import { endOfQuietHours, quietRule } from './quiet-hours.ts'
import { endOfDaysOff, type ActiveHolidays } from './holiday-days.ts'

/** Everything a policy decision about one message depends on, already read and merged. */
export interface PolicyInput {
  now: Date
  channel: string
  category: 'marketing' | 'transactional'
  /** The consent rule the contact is opted out by on this channel, or null. */
  optedOut: string | null
  /** Workspace and flow caps together. */
  caps: readonly ActiveCap[]
  quietHours: QuietHours | null
  /** Days off a holiday calendar keeps marketing messages off (policies.holidays), or null. */
  holidays?: ActiveHolidays | null
  /** The contact's timezone (else the flow's), for quiet hours. */
  timeZone: string
  onCap: 'suppress' | 'wait'
  /** Marketing messages the contact got or will get, deferred ones at the time they go out. */
  history: readonly SentMessage[]
}

/** Send at `at` (now, or later when deferred by the rules in `deferredBy`), or do not send because of `rule`. */
export type PolicyDecision = { send: true; at: Date; deferredBy: string | null } | { send: false; rule: string }

/** Enough rounds for any real mix of caps and quiet hours; each round moves past a window end or a night. */
const MAX_ROUNDS = 50

/**
 * Decides one message. Consent comes first and applies to every message;
 * transactional messages skip the rest. A marketing message due in quiet
 * hours moves to their end, one due on a day off of the holiday calendar to
 * the start of the next allowed day (then out of quiet hours again); a cap it would break there suppresses it, or with
 * `onCap: 'wait'` moves it to when the window frees up (then out of quiet
 * hours again, and so on until both hold). A cap of `max: 0` is never waited for.
 */
export function decidePolicy(input: PolicyInput): PolicyDecision {
  if (input.optedOut) return { send: false, rule: input.optedOut }
  if (input.category === 'transactional') return { send: true, at: input.now, deferredBy: null }
  const reasons = new Set<string>()
  const quietEnd = (time: number) => {
    let at = time
    // Each round leaves quiet hours, then the days off; a day off ends at midnight, inside most quiet hours.
    for (let round = 0; round < 4; round++) {
      const end = endOfQuietHours(new Date(at), input.quietHours, input.timeZone).getTime()
      if (end > at) reasons.add(quietRule(input.quietHours!, input.timeZone))
      const off = endOfDaysOff(new Date(end), input.holidays ?? null, input.timeZone)
      if (!off.rule) return end
      reasons.add(off.rule)
      at = off.at.getTime()
    }
    return at
  }
  let at = quietEnd(input.now.getTime())
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const broken = brokenCap(input.caps, input.channel, input.history, at)
    if (!broken) return { send: true, at: new Date(at), deferredBy: reasons.size > 0 ? [...reasons].join('; ') : null }
    if (input.onCap === 'suppress') return { send: false, rule: broken.rule }
    const free = firstFreeTime(input.caps, input.channel, input.history, at)
    if (free === null) return { send: false, rule: broken.rule }
    reasons.add(`${broken.rule} (wait)`)
    at = quietEnd(free)
  }
  return { send: false, rule: `no time free of caps and quiet hours found (${[...reasons].join('; ')})` }
}
