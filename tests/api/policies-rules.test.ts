import { describe, expect, it } from 'vitest'
import { attributeOptOut, consentEventNames, eventOptOut } from '../../packages/server/src/policies/consent.ts'
import { decidePolicy, type PolicyInput } from '../../packages/server/src/policies/decide.ts'
import { activeCaps, brokenCap, firstFreeTime, type SentMessage } from '../../packages/server/src/policies/frequency-caps.ts'
import { DEFAULT_POLICIES, type ConsentRules } from '../../packages/server/src/policies/policy-document.ts'
import { policyProblems } from '../../packages/server/src/policies/policy-service.ts'
import { endOfQuietHours, isQuiet } from '../../packages/server/src/policies/quiet-hours.ts'

// The policy rules as pure functions: no database, no clock but the one passed in.
const HOUR = 3_600_000
const DAY = 24 * HOUR
const t0 = Date.parse('2027-03-02T00:00:00Z')
const sms = (hoursAfter: number): SentMessage => ({ channel: 'sms', at: t0 + hoursAfter * HOUR })
const email = (hoursAfter: number): SentMessage => ({ channel: 'email', at: t0 + hoursAfter * HOUR })

describe('frequency caps', () => {
  const caps = activeCaps([{ channel: 'sms', max: 2, per: '1d' }, { max: 3, per: '7d' }], 'workspace', 'policies.caps')

  it('names each rule the way suppressions record it', () => {
    expect(caps.map((c) => c.rule)).toEqual(['cap: sms 2 per 1d', 'cap: 3 per 7d'])
    expect(activeCaps([{ max: 1, per: '1d' }], 'flow', 'settings.caps')[0].rule).toBe('flow cap: 1 per 1d')
  })

  it('refuses a window that is not a duration, naming the field', () => {
    expect(() => activeCaps([{ max: 1, per: '0d' }], 'flow', 'settings.caps')).toThrow('settings.caps[0].per "0d" is not a duration')
  })

  it('lets the cap-th message through and stops the next, per channel and across channels', () => {
    expect(brokenCap(caps, 'sms', [sms(1)], t0 + 2 * HOUR)).toBeUndefined()
    expect(brokenCap(caps, 'sms', [sms(1), sms(2)], t0 + 3 * HOUR)?.rule).toBe('cap: sms 2 per 1d')
    expect(brokenCap(caps, 'email', [sms(1), sms(2)], t0 + 3 * HOUR)).toBeUndefined()
    expect(brokenCap(caps, 'email', [sms(1), sms(2), email(3)], t0 + 4 * HOUR)?.rule).toBe('cap: 3 per 7d')
  })

  it('slides the window: a message exactly `per` old no longer counts', () => {
    expect(brokenCap(caps, 'sms', [sms(1), sms(2)], t0 + 1 * HOUR + DAY)).toBeUndefined()
    expect(brokenCap(caps, 'sms', [sms(1), sms(2)], t0 + 1 * HOUR + DAY - 1)?.rule).toBe('cap: sms 2 per 1d')
  })

  it('counts messages deferred to later: a window ending at a later message must hold too', () => {
    // Two SMS already planned for 09:00 tomorrow: one now would make three within a day of them.
    expect(brokenCap(caps, 'sms', [sms(33), sms(33)], t0 + 12 * HOUR)?.rule).toBe('cap: sms 2 per 1d')
    // Once they are more than a day away, today's message fits.
    expect(brokenCap(caps, 'sms', [sms(40), sms(40)], t0 + 12 * HOUR)).toBeUndefined()
  })

  it('finds when the window frees up, and never for a cap of zero', () => {
    expect(firstFreeTime(caps, 'sms', [sms(1), sms(2)], t0 + 3 * HOUR)).toBe(t0 + 1 * HOUR + DAY)
    expect(firstFreeTime(caps, 'sms', [], t0)).toBe(t0)
    const zero = activeCaps([{ channel: 'sms', max: 0, per: '1d' }], 'flow', 'settings.caps')
    expect(firstFreeTime(zero, 'sms', [], t0)).toBeNull()
    expect(firstFreeTime(zero, 'email', [], t0)).toBe(t0)
  })
})

describe('quiet hours', () => {
  const night = { from: '21:00', to: '09:00' }

  it('spans midnight: from is quiet, to is not', () => {
    expect(isQuiet(new Date('2027-03-02T13:00:00Z'), night, 'Asia/Shanghai')).toBe(true) // 21:00 local
    expect(isQuiet(new Date('2027-03-02T12:59:00Z'), night, 'Asia/Shanghai')).toBe(false) // 20:59
    expect(isQuiet(new Date('2027-03-02T00:59:59Z'), night, 'Asia/Shanghai')).toBe(true) // 08:59:59
    expect(isQuiet(new Date('2027-03-02T01:00:00Z'), night, 'Asia/Shanghai')).toBe(false) // 09:00
  })

  it('works within a day, and from = to is no quiet hours', () => {
    expect(isQuiet(new Date('2027-03-02T12:30:00Z'), { from: '12:00', to: '14:00' }, 'UTC')).toBe(true)
    expect(isQuiet(new Date('2027-03-02T14:00:00Z'), { from: '12:00', to: '14:00' }, 'UTC')).toBe(false)
    expect(isQuiet(new Date('2027-03-02T12:00:00Z'), { from: '12:00', to: '12:00' }, 'UTC')).toBe(false)
  })

  it('defers 23:00 local to 09:00 local the next morning, and 02:00 to 09:00 the same day', () => {
    expect(endOfQuietHours(new Date('2027-03-02T15:00:00Z'), night, 'Asia/Shanghai').toISOString()).toBe('2027-03-03T01:00:00.000Z')
    expect(endOfQuietHours(new Date('2027-03-02T18:00:00Z'), night, 'Asia/Shanghai').toISOString()).toBe('2027-03-03T01:00:00.000Z')
    expect(endOfQuietHours(new Date('2027-03-02T05:00:00Z'), night, 'Asia/Shanghai').toISOString()).toBe('2027-03-02T05:00:00.000Z')
    expect(endOfQuietHours(new Date('2027-03-02T15:00:00Z'), null, 'Asia/Shanghai').toISOString()).toBe('2027-03-02T15:00:00.000Z')
  })

  it('follows the zone across a DST change (New York springs forward on 2027-03-14)', () => {
    // 23:00 EST on the 13th → 09:00 EDT on the 14th, 13:00 UTC rather than 14:00.
    expect(endOfQuietHours(new Date('2027-03-14T04:00:00Z'), night, 'America/New_York').toISOString()).toBe('2027-03-14T13:00:00.000Z')
  })
})

describe('consent', () => {
  const consent: ConsentRules = { ...DEFAULT_POLICIES.consent, stopEvents: [{ channel: 'sms', stop: 'sms.stop', start: 'sms.start' }] }

  it('opts out by the attribute on guarded channels only', () => {
    expect(attributeOptOut({ consent: { sms: false } }, consent, 'sms')).toBe('consent: sms opted out (consent.sms = false)')
    expect(attributeOptOut({ consent: { sms: false } }, consent, 'email')).toBeNull()
    expect(attributeOptOut({ consent: { sms: true } }, consent, 'sms')).toBeNull()
    expect(attributeOptOut({ consent: 'no' }, consent, 'sms')).toBeNull()
    // WeCom robot notices go to staff: not guarded unless configured.
    expect(attributeOptOut({ consent: { wecom: false } }, consent, 'wecom')).toBeNull()
    expect(attributeOptOut({ prefs: { wecom: false } }, { ...consent, attribute: 'prefs', channels: ['wecom'] }, 'wecom')).toContain('prefs.wecom = false')
  })

  it('opts out by the latest stop event until a later start event', () => {
    expect(consentEventNames(consent, 'sms')).toEqual(['sms.stop', 'sms.start'])
    expect(consentEventNames(consent, 'email')).toEqual([])
    const at = (iso: string) => new Date(iso)
    expect(eventOptOut(consent, 'sms', new Map([['sms.stop', at('2027-03-01T00:00:00Z')]]))).toBe('consent: sms opted out by event sms.stop')
    expect(eventOptOut(consent, 'sms', new Map([['sms.stop', at('2027-03-01T00:00:00Z')], ['sms.start', at('2027-03-02T00:00:00Z')]]))).toBeNull()
    expect(eventOptOut(consent, 'sms', new Map([['sms.stop', at('2027-03-03T00:00:00Z')], ['sms.start', at('2027-03-02T00:00:00Z')]]))).not.toBeNull()
    expect(eventOptOut(consent, 'sms', new Map())).toBeNull()
  })
})

describe('deciding a message', () => {
  const base: PolicyInput = {
    now: new Date('2027-03-02T15:00:00Z'), // 23:00 in Shanghai
    channel: 'sms',
    category: 'marketing',
    optedOut: null,
    caps: activeCaps([{ channel: 'sms', max: 1, per: '1d' }], 'workspace', 'policies.caps'),
    quietHours: { from: '21:00', to: '09:00' },
    timeZone: 'Asia/Shanghai',
    onCap: 'suppress',
    history: [],
  }

  it('consent stops every message, transactional ones too', () => {
    expect(decidePolicy({ ...base, optedOut: 'consent: sms opted out (consent.sms = false)' })).toEqual({
      send: false, rule: 'consent: sms opted out (consent.sms = false)', reason: { kind: 'consent', params: { channel: 'sms', attribute: 'consent', event: null } },
    })
    expect(decidePolicy({ ...base, category: 'transactional', optedOut: 'consent: x' })).toMatchObject({ send: false, rule: 'consent: x', reason: { kind: 'consent' } })
  })

  it('transactional messages skip caps and quiet hours', () => {
    const history = [{ channel: 'sms', at: base.now.getTime() - HOUR }]
    expect(decidePolicy({ ...base, category: 'transactional', history })).toEqual({ send: true, at: base.now, deferredBy: null, reasons: [] })
  })

  it('defers a marketing message due in quiet hours to their end, naming the rule', () => {
    expect(decidePolicy(base)).toEqual({ send: true, at: new Date('2027-03-03T01:00:00Z'), deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai)', reasons: [{ kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'Asia/Shanghai' } }] })
    expect(decidePolicy({ ...base, quietHours: null })).toEqual({ send: true, at: base.now, deferredBy: null, reasons: [] })
  })

  it('checks caps at the time the message goes out', () => {
    // Sent at 20:00 local; at 09:00 the next morning it is still within the day.
    const history = [{ channel: 'sms', at: Date.parse('2027-03-02T12:00:00Z') }]
    expect(decidePolicy({ ...base, history })).toEqual({ send: false, rule: 'cap: sms 1 per 1d', reason: { kind: 'cap', params: { scope: 'workspace', channel: 'sms', max: 1, per: '1d' } } })
  })

  it('with onCap wait, moves the message to the window end, then out of quiet hours', () => {
    const history = [{ channel: 'sms', at: Date.parse('2027-03-02T12:00:00Z') }]
    // The window frees at 20:00 local on the 3rd, outside quiet hours.
    expect(decidePolicy({ ...base, history, onCap: 'wait' })).toEqual({
      send: true, at: new Date('2027-03-03T12:00:00Z'), deferredBy: 'quiet hours 21:00-09:00 (Asia/Shanghai); cap: sms 1 per 1d (wait)',
      reasons: [{ kind: 'quiet_hours', params: { from: '21:00', to: '09:00', timeZone: 'Asia/Shanghai' } }, { kind: 'cap', params: { scope: 'workspace', channel: 'sms', max: 1, per: '1d' } }],
    })
    // Sent at 22:00 local: the window frees at 22:00, in quiet hours, so 09:00 after that.
    const late = [{ channel: 'sms', at: Date.parse('2027-03-02T14:00:00Z') }]
    expect(decidePolicy({ ...base, history: late, onCap: 'wait' })).toMatchObject({ send: true, at: new Date('2027-03-04T01:00:00Z') })
  })

  it('never waits for a cap of zero', () => {
    const caps = activeCaps([{ channel: 'sms', max: 0, per: '1d' }], 'flow', 'settings.caps')
    expect(decidePolicy({ ...base, caps, onCap: 'wait', quietHours: null })).toEqual({ send: false, rule: 'flow cap: sms 0 per 1d', reason: { kind: 'cap', params: { scope: 'flow', channel: 'sms', max: 0, per: '1d' } } })
  })
})

describe('policy document checks beyond the schema', () => {
  it('names each field', () => {
    const problems = policyProblems({
      ...DEFAULT_POLICIES,
      caps: [{ max: 1, per: '0d' }],
      quietHours: { from: '09:00', to: '09:00' },
      consent: { ...DEFAULT_POLICIES.consent, stopEvents: [{ channel: 'sms', stop: 'x', start: 'x' }] },
    })
    expect(problems.map((p) => p.field)).toEqual(['body.caps[0].per', 'body.quietHours.to', 'body.consent.stopEvents[0].start'])
  })
})
