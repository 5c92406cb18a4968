import { describe, expect, it } from 'vitest'
import type { DateTrigger } from '@kairos/sdk'
import { momentZone, nextMoment } from '../src/triggers/dates/date-moment.ts'

const at = (iso: string) => new Date(iso)

/** subscription_end minus 3 days at 09:00, once. */
const renewal = (over: Partial<DateTrigger> = {}): DateTrigger => ({
  attribute: 'subscription_end',
  offsetDays: -3,
  at: '09:00',
  repeat: 'once',
  ...over,
})

/** birthday every year at 09:00. */
const birthday = (over: Partial<DateTrigger> = {}): DateTrigger => ({
  attribute: 'birthday',
  offsetDays: 0,
  at: '09:00',
  repeat: 'yearly',
  ...over,
})

/** The moment as plain text, so each assertion names an exact instant. */
function moment(
  trigger: DateTrigger,
  attributes: Record<string, unknown>,
  after: string,
  { flowZone = 'UTC', fired = null }: { flowZone?: string; fired?: string | null } = {},
): { dueAt: string; occurrence: string } | null {
  const found = nextMoment(trigger, attributes, flowZone, at(after), fired)
  return found && { dueAt: found.dueAt.toISOString(), occurrence: found.occurrence }
}

describe('momentZone', () => {
  it("uses the contact's own valid timezone attribute first", () => {
    expect(momentZone(renewal({ timezone: 'America/New_York' }), { timezone: 'Asia/Shanghai' }, 'Europe/Berlin')).toBe('Asia/Shanghai')
  })

  it("falls back to the trigger's timezone, then the flow's", () => {
    expect(momentZone(renewal({ timezone: 'America/New_York' }), {}, 'Europe/Berlin')).toBe('America/New_York')
    expect(momentZone(renewal(), {}, 'Europe/Berlin')).toBe('Europe/Berlin')
  })

  it.each([['Mars/Olympus'], [''], ['   '], [8], [null], [{ name: 'Asia/Shanghai' }]])(
    'ignores the invalid timezone attribute %j',
    (timezone) => {
      expect(momentZone(renewal({ timezone: 'America/New_York' }), { timezone }, 'Europe/Berlin')).toBe('America/New_York')
      expect(momentZone(renewal(), { timezone }, 'Europe/Berlin')).toBe('Europe/Berlin')
    },
  )

  it('accepts a fixed offset as the contact timezone', () => {
    expect(momentZone(renewal(), { timezone: '+08:00' }, 'UTC')).toBe('+08:00')
  })
})

describe('nextMoment, repeat once', () => {
  const contact = { subscription_end: '2026-11-30' }

  it('enters 3 days before the date at 09:00, the occurrence being the date itself', () => {
    expect(moment(renewal(), contact, '2026-01-05T00:00:00Z')).toEqual({ dueAt: '2026-11-27T09:00:00.000Z', occurrence: '2026-11-30' })
  })

  it("reads the moment in the contact's timezone attribute", () => {
    expect(moment(renewal({ timezone: 'America/New_York' }), { ...contact, timezone: 'Asia/Shanghai' }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-11-27T01:00:00.000Z',
      occurrence: '2026-11-30',
    })
  })

  it("reads the moment in the trigger's timezone for a contact without one", () => {
    // New York is on EST (-5) by late November.
    expect(moment(renewal({ timezone: 'America/New_York' }), contact, '2026-01-05T00:00:00Z', { flowZone: 'Europe/Berlin' })).toEqual({
      dueAt: '2026-11-27T14:00:00.000Z',
      occurrence: '2026-11-30',
    })
  })

  it("reads the moment in the flow's timezone when neither contact nor trigger has one", () => {
    expect(moment(renewal(), contact, '2026-01-05T00:00:00Z', { flowZone: 'Europe/Berlin' })).toEqual({
      dueAt: '2026-11-27T08:00:00.000Z',
      occurrence: '2026-11-30',
    })
  })

  it('falls back past an invalid timezone attribute', () => {
    expect(moment(renewal({ timezone: 'America/New_York' }), { ...contact, timezone: 'Mars/Olympus' }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-11-27T14:00:00.000Z',
      occurrence: '2026-11-30',
    })
    expect(moment(renewal(), { ...contact, timezone: 'Mars/Olympus' }, '2026-01-05T00:00:00Z', { flowZone: 'Asia/Shanghai' })).toEqual({
      dueAt: '2026-11-27T01:00:00.000Z',
      occurrence: '2026-11-30',
    })
  })

  it('is null once the moment has passed, and at the moment itself (strictly after)', () => {
    expect(moment(renewal(), contact, '2026-11-28T00:00:00Z')).toBeNull()
    expect(moment(renewal(), contact, '2026-11-27T09:00:00.000Z')).toBeNull()
    expect(moment(renewal(), contact, '2026-11-27T08:59:59.999Z')).toEqual({ dueAt: '2026-11-27T09:00:00.000Z', occurrence: '2026-11-30' })
  })

  it('is null when the occurrence already fired', () => {
    expect(moment(renewal(), contact, '2026-01-05T00:00:00Z', { fired: '2026-11-30' })).toBeNull()
  })

  it('treats a renewed date as a new occurrence', () => {
    expect(moment(renewal(), { subscription_end: '2027-11-30' }, '2026-12-01T00:00:00Z', { fired: '2026-11-30' })).toEqual({
      dueAt: '2027-11-27T09:00:00.000Z',
      occurrence: '2027-11-30',
    })
  })

  it('moves forward by a positive offset and stays on the date with none', () => {
    const signedUp = { signed_up_at: '2026-01-05T10:00:00Z' }
    expect(moment(renewal({ attribute: 'signed_up_at', offsetDays: 7 }), signedUp, '2026-01-05T10:00:00Z')).toEqual({
      dueAt: '2026-01-12T09:00:00.000Z',
      occurrence: '2026-01-05',
    })
    expect(moment(renewal({ attribute: 'signed_up_at', offsetDays: 0, at: '18:30' }), signedUp, '2026-01-05T10:00:00Z')).toEqual({
      dueAt: '2026-01-05T18:30:00.000Z',
      occurrence: '2026-01-05',
    })
  })

  it('crosses month and year boundaries with the offset', () => {
    expect(moment(renewal(), { subscription_end: '2027-01-02' }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-12-30T09:00:00.000Z',
      occurrence: '2027-01-02',
    })
    expect(moment(renewal(), { subscription_end: '2028-03-01' }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2028-02-27T09:00:00.000Z',
      occurrence: '2028-03-01',
    })
  })

  it("takes a date-time with a zone as an instant, dated in the contact's zone", () => {
    // 20:00Z on 30 June is already 1 July in Shanghai.
    const ends = { subscription_end: '2026-06-30T20:00:00Z' }
    expect(moment(renewal({ offsetDays: 0 }), { ...ends, timezone: 'Asia/Shanghai' }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-07-01T01:00:00.000Z',
      occurrence: '2026-07-01',
    })
    expect(moment(renewal({ offsetDays: 0 }), ends, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-06-30T09:00:00.000Z',
      occurrence: '2026-06-30',
    })
  })

  it('takes a date-time without a zone as its own date', () => {
    expect(
      moment(renewal({ offsetDays: 0 }), { subscription_end: '2026-06-30T23:30:00', timezone: 'Asia/Shanghai' }, '2026-01-05T00:00:00Z'),
    ).toEqual({ dueAt: '2026-06-30T01:00:00.000Z', occurrence: '2026-06-30' })
  })

  it('takes a Date value as an instant', () => {
    expect(moment(renewal({ offsetDays: 0 }), { subscription_end: at('2026-06-30T20:00:00Z'), timezone: 'Asia/Shanghai' }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-07-01T01:00:00.000Z',
      occurrence: '2026-07-01',
    })
  })

  it('fires a time in the spring-forward gap at the end of the gap', () => {
    // Berlin 2026-03-29 02:30 does not exist: 03:00 CEST, 01:00Z.
    expect(moment(renewal({ offsetDays: 0, at: '02:30' }), { subscription_end: '2026-03-29' }, '2026-01-05T00:00:00Z', { flowZone: 'Europe/Berlin' })).toEqual({
      dueAt: '2026-03-29T01:00:00.000Z',
      occurrence: '2026-03-29',
    })
  })

  it('reads a nested attribute path', () => {
    expect(moment(renewal({ attribute: 'billing.ends' }), { billing: { ends: '2026-11-30' } }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-11-27T09:00:00.000Z',
      occurrence: '2026-11-30',
    })
  })

  it.each([
    ['missing', {}],
    ['null', { subscription_end: null }],
    ['not a date', { subscription_end: 'soon' }],
    ['a date the calendar lacks', { subscription_end: '2026-02-30' }],
    ['a number', { subscription_end: 1_780_000_000_000 }],
    ['an invalid Date', { subscription_end: new Date(Number.NaN) }],
  ])('is null when the attribute is %s', (_, attributes) => {
    expect(moment(renewal(), attributes, '2026-01-05T00:00:00Z')).toBeNull()
  })
})

describe('nextMoment, repeat yearly', () => {
  const contact = { birthday: '1990-05-14' }

  it("enters on this year's anniversary when it is still ahead", () => {
    expect(moment(birthday(), contact, '2026-01-05T00:00:00Z')).toEqual({ dueAt: '2026-05-14T09:00:00.000Z', occurrence: '2026' })
  })

  it("enters on next year's anniversary once this year's has passed", () => {
    expect(moment(birthday(), contact, '2026-06-01T00:00:00Z')).toEqual({ dueAt: '2027-05-14T09:00:00.000Z', occurrence: '2027' })
    expect(moment(birthday(), contact, '2026-05-14T09:00:00.000Z')).toEqual({ dueAt: '2027-05-14T09:00:00.000Z', occurrence: '2027' })
    expect(moment(birthday(), contact, '2026-05-14T08:59:59.999Z')).toEqual({ dueAt: '2026-05-14T09:00:00.000Z', occurrence: '2026' })
  })

  it("skips the year that already fired (a birthday corrected after its greeting waits for next year)", () => {
    // Greeted on 1 May 2026, then the birthday was corrected to 14 May.
    expect(moment(birthday(), contact, '2026-05-02T00:00:00Z', { fired: '2026' })).toEqual({
      dueAt: '2027-05-14T09:00:00.000Z',
      occurrence: '2027',
    })
  })

  it('does not skip for a fired year other than the next one', () => {
    expect(moment(birthday(), contact, '2026-01-05T00:00:00Z', { fired: '2025' })).toEqual({
      dueAt: '2026-05-14T09:00:00.000Z',
      occurrence: '2026',
    })
  })

  it("reads the anniversary in the contact's zone, else the trigger's, else the flow's", () => {
    expect(moment(birthday({ timezone: 'America/New_York' }), { ...contact, timezone: 'Asia/Shanghai' }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-05-14T01:00:00.000Z',
      occurrence: '2026',
    })
    // New York is on EDT (-4) in May.
    expect(moment(birthday({ timezone: 'America/New_York' }), contact, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-05-14T13:00:00.000Z',
      occurrence: '2026',
    })
    expect(moment(birthday(), { ...contact, timezone: 'nowhere' }, '2026-01-05T00:00:00Z', { flowZone: 'Europe/Berlin' })).toEqual({
      dueAt: '2026-05-14T07:00:00.000Z',
      occurrence: '2026',
    })
  })

  it('moves 29 February to 28 February in years without it', () => {
    const leap = { birthday: '2000-02-29' }
    expect(moment(birthday(), leap, '2026-01-05T00:00:00Z')).toEqual({ dueAt: '2026-02-28T09:00:00.000Z', occurrence: '2026' })
    expect(moment(birthday(), leap, '2027-03-01T00:00:00Z')).toEqual({ dueAt: '2028-02-29T09:00:00.000Z', occurrence: '2028' })
    expect(moment(birthday(), leap, '2028-02-29T09:00:00Z')).toEqual({ dueAt: '2029-02-28T09:00:00.000Z', occurrence: '2029' })
  })

  it('fires a negative offset in the previous year, naming the anniversary year as the occurrence', () => {
    // Born 2 January: 3 days before is 30 December of the year before.
    const newYear = { birthday: '1985-01-02' }
    expect(moment(birthday({ offsetDays: -3 }), newYear, '2026-12-01T00:00:00Z')).toEqual({ dueAt: '2026-12-30T09:00:00.000Z', occurrence: '2027' })
    expect(moment(birthday({ offsetDays: -3 }), newYear, '2026-12-30T09:00:00Z')).toEqual({ dueAt: '2027-12-30T09:00:00.000Z', occurrence: '2028' })
    expect(moment(birthday({ offsetDays: -3 }), newYear, '2026-12-01T00:00:00Z', { fired: '2027' })).toEqual({
      dueAt: '2027-12-30T09:00:00.000Z',
      occurrence: '2028',
    })
    // Early in the year, the moment for this year's anniversary is already behind: the next is December.
    expect(moment(birthday({ offsetDays: -3 }), newYear, '2026-01-01T00:00:00Z')).toEqual({ dueAt: '2026-12-30T09:00:00.000Z', occurrence: '2027' })
  })

  it('fires a positive offset in the next year, naming the anniversary year as the occurrence', () => {
    // Born 30 December: 3 days after is 2 January of the year after.
    const yearEnd = { birthday: '1985-12-30' }
    expect(moment(birthday({ offsetDays: 3 }), yearEnd, '2026-12-01T00:00:00Z')).toEqual({ dueAt: '2027-01-02T09:00:00.000Z', occurrence: '2026' })
    expect(moment(birthday({ offsetDays: 3 }), yearEnd, '2027-01-01T00:00:00Z')).toEqual({ dueAt: '2027-01-02T09:00:00.000Z', occurrence: '2026' })
    expect(moment(birthday({ offsetDays: 3 }), yearEnd, '2027-01-02T10:00:00Z')).toEqual({ dueAt: '2028-01-02T09:00:00.000Z', occurrence: '2027' })
  })

  it("decides the year on the contact's calendar", () => {
    // 12:00Z on 31 December 2026 is already 02:00 on 1 January 2027 in Kiritimati (+14).
    expect(moment(birthday(), { birthday: '1990-01-01', timezone: 'Pacific/Kiritimati' }, '2026-12-31T12:00:00Z')).toEqual({
      dueAt: '2026-12-31T19:00:00.000Z',
      occurrence: '2027',
    })
  })

  it('finds the previous anniversary when a DST change puts the offset-shifted clock in the next year', () => {
    // Sydney falls back on 2027-04-04, so 110 × 24 hours before 23:30 on 20 April is already 00:30 on 1 January 2027,
    // yet the moment of the 2026 anniversary (31 Dec 2026 + 110 days, 23:45) is still 15 minutes ahead.
    const trigger = birthday({ offsetDays: 110, at: '23:45' })
    const born = { birthday: '1990-12-31' }
    expect(moment(trigger, born, '2027-04-20T13:30:00Z', { flowZone: 'Australia/Sydney' })).toEqual({
      dueAt: '2027-04-20T13:45:00.000Z',
      occurrence: '2026',
    })
    expect(moment(trigger, born, '2027-04-20T13:45:00Z', { flowZone: 'Australia/Sydney' })).toEqual({
      dueAt: '2028-04-19T13:45:00.000Z',
      occurrence: '2027',
    })
  })

  it('handles offsets of many years', () => {
    // 3650 days is ten years less the leap days between: 14 May 2016 + 3650d is 12 May 2026.
    expect(moment(birthday({ offsetDays: 3650 }), contact, '2026-01-05T00:00:00Z')).toEqual({ dueAt: '2026-05-12T09:00:00.000Z', occurrence: '2016' })
    expect(moment(birthday({ offsetDays: -3650 }), contact, '2026-01-05T00:00:00Z')).toEqual({ dueAt: '2026-05-17T09:00:00.000Z', occurrence: '2036' })
  })

  it("dates a date-time with a zone on the contact's calendar: 23:30Z on 14 May is 15 May in Shanghai", () => {
    const born = { birthday: '1990-05-14T23:30:00Z' }
    expect(moment(birthday(), { ...born, timezone: 'Asia/Shanghai' }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-05-15T01:00:00.000Z',
      occurrence: '2026',
    })
    expect(moment(birthday(), born, '2026-01-05T00:00:00Z')).toEqual({ dueAt: '2026-05-14T09:00:00.000Z', occurrence: '2026' })
    expect(moment(birthday(), born, '2026-01-05T00:00:00Z', { flowZone: 'Asia/Shanghai' })).toEqual({
      dueAt: '2026-05-15T01:00:00.000Z',
      occurrence: '2026',
    })
  })

  it('reads a nested attribute path', () => {
    expect(moment(birthday({ attribute: 'profile.birthday' }), { profile: { birthday: '1990-05-14' } }, '2026-01-05T00:00:00Z')).toEqual({
      dueAt: '2026-05-14T09:00:00.000Z',
      occurrence: '2026',
    })
    expect(moment(birthday({ attribute: 'profile.birthday' }), { 'profile.birthday': '1990-05-14' }, '2026-01-05T00:00:00Z')).toBeNull()
    expect(moment(birthday({ attribute: 'profile.birthday' }), { profile: '1990-05-14' }, '2026-01-05T00:00:00Z')).toBeNull()
  })

  it.each([
    ['missing', {}],
    ['null', { birthday: null }],
    ['empty', { birthday: '' }],
    ['garbage', { birthday: 'May 14th' }],
    ['day-first', { birthday: '14/05/1990' }],
    ['a date the calendar lacks', { birthday: '1990-02-29' }],
    ['a number', { birthday: 19900514 }],
    ['an object', { birthday: { month: 5, day: 14 } }],
  ])('is null when the attribute is %s', (_, attributes) => {
    expect(moment(birthday(), attributes, '2026-01-05T00:00:00Z')).toBeNull()
  })
})
