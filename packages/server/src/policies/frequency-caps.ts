import type { FrequencyCap } from '@kairos/engine'
import { parseDuration } from '@kairos/sdk'
import type { PolicyRule } from './policy-rule.ts'

/** A marketing message the contact got or will get: its channel and when it goes out (ms since the epoch). */
export interface SentMessage {
  channel: string
  at: number
}

/** A cap ready to check: its window in milliseconds and the rule text (and data, `reason`) suppressions are recorded with. */
export interface ActiveCap extends FrequencyCap {
  perMs: number
  rule: string
  reason: PolicyRule
}

/**
 * Readies caps for checking. `scope` names where they come from: workspace
 * caps read `cap: sms 2 per 1d`, a flow's `flow cap: 5 per 7d`. Throws, naming
 * `field`, on a window that is not a duration (the flow schema allows `0d`).
 */
export function activeCaps(caps: readonly FrequencyCap[], scope: 'workspace' | 'flow', field: string): ActiveCap[] {
  return caps.map((cap, index) => {
    let perMs: number
    try {
      perMs = parseDuration(cap.per)
    } catch {
      throw new Error(`${field}[${index}].per "${cap.per}" is not a duration between 1ms and 3650d`)
    }
    const rule = `${scope === 'flow' ? 'flow cap' : 'cap'}: ${cap.channel ? `${cap.channel} ` : ''}${cap.max} per ${cap.per}`
    return { ...cap, perMs, rule, reason: { kind: 'cap', params: { scope, channel: cap.channel ?? null, max: cap.max, per: cap.per } } }
  })
}

const applies = (cap: ActiveCap, channel: string) => cap.channel === undefined || cap.channel === channel

/**
 * The first cap a message on `channel` going out at `at` would break, given
 * what the contact got or will get (`history`, deferred messages included).
 * A cap is a sliding window: every span of `per` must hold at most `max`
 * messages. The spans that contain `at` and hold the most end either at `at`
 * or at a later message less than `per` after it, so only those are counted.
 * A window `(end - per, end]` excludes a message exactly `per` old.
 */
export function brokenCap(caps: readonly ActiveCap[], channel: string, history: readonly SentMessage[], at: number): ActiveCap | undefined {
  for (const cap of caps) {
    if (!applies(cap, channel)) continue
    const times = history.filter((m) => cap.channel === undefined || m.channel === cap.channel).map((m) => m.at)
    const ends = [at, ...times.filter((t) => t > at && t < at + cap.perMs)]
    for (const end of ends) {
      const inWindow = times.filter((t) => t > end - cap.perMs && t <= end).length
      if (inWindow + 1 > cap.max) return cap
    }
  }
  return undefined
}

/**
 * The earliest time at or after `from` when a message on `channel` breaks no
 * cap: `from`, or the moment an earlier message leaves a window. Null when a
 * cap allows nothing at all (`max: 0`).
 */
export function firstFreeTime(caps: readonly ActiveCap[], channel: string, history: readonly SentMessage[], from: number): number | null {
  const relevant = caps.filter((cap) => applies(cap, channel))
  if (relevant.some((cap) => cap.max < 1)) return null
  const candidates = new Set([from])
  for (const cap of relevant)
    for (const message of history)
      if ((cap.channel === undefined || message.channel === cap.channel) && message.at + cap.perMs > from) candidates.add(message.at + cap.perMs)
  for (const time of [...candidates].sort((a, b) => a - b)) if (!brokenCap(relevant, channel, history, time)) return time
  // Past the last message plus the longest window every window is empty, and that time is a candidate.
  return null
}
