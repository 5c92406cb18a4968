import { describe, expect, it } from 'vitest'
import { cronForTimeOfDay, isCron, nextCronTick, parseCron } from '../src/time/cron.ts'

const at = (iso: string) => new Date(iso)
/** The next tick as ISO text, or null: every assertion names an exact instant. */
const next = (cron: string, after: string, timeZone = 'UTC') => nextCronTick(cron, at(after), timeZone)?.toISOString() ?? null
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b)

describe('parseCron fields', () => {
  it('reads * as every value of each field', () => {
    const cron = parseCron('* * * * *')
    expect(cron.minutes).toEqual(range(0, 59))
    expect(cron.hours).toEqual(range(0, 23))
    expect(sorted(cron.days)).toEqual(range(1, 31))
    expect(sorted(cron.months)).toEqual(range(1, 12))
    // 0 and 7 are both Sunday: the weekday set holds 0–6 only.
    expect(sorted(cron.weekdays)).toEqual(range(0, 6))
    expect(cron.daysRestricted).toBe(false)
    expect(cron.weekdaysRestricted).toBe(false)
  })

  it('reads single numbers in every field', () => {
    const cron = parseCron('5 4 3 2 1')
    expect(cron.minutes).toEqual([5])
    expect(cron.hours).toEqual([4])
    expect(sorted(cron.days)).toEqual([3])
    expect(sorted(cron.months)).toEqual([2])
    expect(sorted(cron.weekdays)).toEqual([1])
    expect(cron.daysRestricted).toBe(true)
    expect(cron.weekdaysRestricted).toBe(true)
  })

  it('accepts leading zeros and the bounds of each field', () => {
    const cron = parseCron('00,59 00,23 01,31 01,12 00,07')
    expect(cron.minutes).toEqual([0, 59])
    expect(cron.hours).toEqual([0, 23])
    expect(sorted(cron.days)).toEqual([1, 31])
    expect(sorted(cron.months)).toEqual([1, 12])
    expect(sorted(cron.weekdays)).toEqual([0])
  })

  it('reads ranges', () => {
    const cron = parseCron('0-4 9-17 10-12 6-8 1-5')
    expect(cron.minutes).toEqual([0, 1, 2, 3, 4])
    expect(cron.hours).toEqual(range(9, 17))
    expect(sorted(cron.days)).toEqual([10, 11, 12])
    expect(sorted(cron.months)).toEqual([6, 7, 8])
    expect(sorted(cron.weekdays)).toEqual([1, 2, 3, 4, 5])
  })

  it('reads a one-value range', () => {
    expect(parseCron('7-7 * * * *').minutes).toEqual([7])
  })

  it('reads */n as every n-th value from the field minimum', () => {
    expect(parseCron('*/15 * * * *').minutes).toEqual([0, 15, 30, 45])
    expect(parseCron('0 */6 * * *').hours).toEqual([0, 6, 12, 18])
    // Day of month starts at 1, so */10 is 1, 11, 21, 31.
    expect(sorted(parseCron('0 0 */10 * *').days)).toEqual([1, 11, 21, 31])
    expect(sorted(parseCron('0 0 1 */3 *').months)).toEqual([1, 4, 7, 10])
  })

  it('reads a stepped range', () => {
    expect(parseCron('10-40/10 * * * *').minutes).toEqual([10, 20, 30, 40])
    expect(parseCron('10-45/10 * * * *').minutes).toEqual([10, 20, 30, 40])
    expect(parseCron('0 8-18/4 * * *').hours).toEqual([8, 12, 16])
  })

  it('reads n/step as from n to the field maximum', () => {
    expect(parseCron('5/20 * * * *').minutes).toEqual([5, 25, 45])
    expect(parseCron('0 20/2 * * *').hours).toEqual([20, 22])
  })

  it('reads */1 as every value', () => {
    expect(parseCron('*/1 * * * *').minutes).toEqual(range(0, 59))
  })

  it('reads a step larger than the field as its start only', () => {
    expect(parseCron('*/90 * * * *').minutes).toEqual([0])
  })

  it('reads lists mixing numbers, ranges and steps, deduplicated and sorted', () => {
    expect(parseCron('45,1-3,30,20-26/3 * * * *').minutes).toEqual([1, 2, 3, 20, 23, 26, 30, 45])
    expect(parseCron('*/15,0,15 * * * *').minutes).toEqual([0, 15, 30, 45])
    expect(parseCron('0 18,6,12 * * *').hours).toEqual([6, 12, 18])
    expect(sorted(parseCron('0 0 1,15 * *').days)).toEqual([1, 15])
  })

  it('reads month names, in any case, in lists, ranges and steps', () => {
    expect(sorted(parseCron('0 0 1 jan,mar-may,DEC *').months)).toEqual([1, 3, 4, 5, 12])
    expect(sorted(parseCron('0 0 1 Jun *').months)).toEqual([6])
    expect(sorted(parseCron('0 0 1 jan-dec/3 *').months)).toEqual([1, 4, 7, 10])
    expect(sorted(parseCron('0 0 1 feb/4 *').months)).toEqual([2, 6, 10])
  })

  it('reads weekday names, in any case, with sun as 0', () => {
    expect(sorted(parseCron('0 9 * * mon-fri').weekdays)).toEqual([1, 2, 3, 4, 5])
    expect(sorted(parseCron('0 9 * * sun').weekdays)).toEqual([0])
    expect(sorted(parseCron('0 9 * * SAT,Sun').weekdays)).toEqual([0, 6])
    expect(sorted(parseCron('0 9 * * tue,thu').weekdays)).toEqual([2, 4])
    expect(sorted(parseCron('0 9 * * sun-sat').weekdays)).toEqual(range(0, 6))
  })

  it('reads both 0 and 7 as Sunday', () => {
    expect(sorted(parseCron('0 0 * * 0').weekdays)).toEqual([0])
    expect(sorted(parseCron('0 0 * * 7').weekdays)).toEqual([0])
    expect(sorted(parseCron('0 0 * * 0,7').weekdays)).toEqual([0])
    expect(sorted(parseCron('0 0 * * 5-7').weekdays)).toEqual([0, 5, 6])
    expect(sorted(parseCron('0 0 * * 0-7').weekdays)).toEqual(range(0, 6))
  })

  it('marks a day field restricted whenever it is not a bare *', () => {
    expect(parseCron('0 0 1 * *')).toMatchObject({ daysRestricted: true, weekdaysRestricted: false })
    expect(parseCron('0 0 * * mon')).toMatchObject({ daysRestricted: false, weekdaysRestricted: true })
    expect(parseCron('0 0 1-31 * 0-6')).toMatchObject({ daysRestricted: true, weekdaysRestricted: true })
  })

  it('ignores surrounding whitespace and takes any run of blanks between fields', () => {
    expect(parseCron('  30\t9   * *  1-5 ')).toMatchObject({ minutes: [30], hours: [9], weekdaysRestricted: true })
    expect(sorted(parseCron('  30\t9   * *  1-5 ').weekdays)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('parseCron macros', () => {
  it.each([
    ['@hourly', '0 * * * *'],
    ['@daily', '0 0 * * *'],
    ['@midnight', '0 0 * * *'],
    ['@weekly', '0 0 * * 0'],
    ['@monthly', '0 0 1 * *'],
    ['@yearly', '0 0 1 1 *'],
    ['@annually', '0 0 1 1 *'],
  ])('reads %s as %s', (macro, expansion) => {
    expect(parseCron(macro)).toEqual(parseCron(expansion))
  })

  it('reads macros in any case and with surrounding blanks', () => {
    expect(parseCron(' @DAILY ')).toEqual(parseCron('0 0 * * *'))
  })

  it('spells out the weekly macro as Sunday midnight', () => {
    const weekly = parseCron('@weekly')
    expect(weekly.minutes).toEqual([0])
    expect(weekly.hours).toEqual([0])
    expect(sorted(weekly.weekdays)).toEqual([0])
    expect(weekly).toMatchObject({ daysRestricted: false, weekdaysRestricted: true })
  })

  it('refuses an unknown macro', () => {
    expect(() => parseCron('@reboot')).toThrow('a cron expression has 5 fields (minute hour day month weekday), not 1')
  })
})

describe('parseCron errors', () => {
  it('refuses a range or a step with extra parts instead of reading the first of them', () => {
    expect(() => parseCron('1-2-3 * * * *')).toThrow('minute: "1-2-3" is not a range like 1-5')
    expect(() => parseCron('1/2/3 * * * *')).toThrow('minute: "1/2/3" has more than one step')
  })

  it.each([
    ['* * * *', 4],
    ['* * * * * *', 6],
    ['0 0 * * * 2026', 6],
    ['', 1],
    ['   ', 1],
    ['@daily 5', 2],
  ])('refuses %j for its field count', (expression, count) => {
    expect(() => parseCron(expression)).toThrow(`a cron expression has 5 fields (minute hour day month weekday), not ${count}`)
  })

  it.each([
    ['60 * * * *', 'minute: 60 is outside 0-59'],
    ['0-60 * * * *', 'minute: 60 is outside 0-59'],
    ['* 24 * * *', 'hour: 24 is outside 0-23'],
    ['* * 0 * *', 'day of month: 0 is outside 1-31'],
    ['* * 32 * *', 'day of month: 32 is outside 1-31'],
    ['* * * 0 *', 'month: 0 is outside 1-12'],
    ['* * * 13 *', 'month: 13 is outside 1-12'],
    ['* * * * 8', 'day of week: 8 is outside 0-7'],
    ['* * * * 1,8', 'day of week: 8 is outside 0-7'],
    ['5/20 * * * 6-9', 'day of week: 9 is outside 0-7'],
  ])('refuses %j as out of range: %s', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message)
  })

  it.each([
    ['40-10 * * * *', 'minute: range 40-10 runs backwards'],
    ['* 5-1 * * *', 'hour: range 5-1 runs backwards'],
    ['* * 20-10 * *', 'day of month: range 20-10 runs backwards'],
    ['* * * dec-jan *', 'month: range dec-jan runs backwards'],
    ['* * * * fri-mon', 'day of week: range fri-mon runs backwards'],
  ])('refuses the backwards range %j', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message)
  })

  it.each([
    ['*/0 * * * *', 'minute: step "0" must be a positive whole number'],
    ['*/x * * * *', 'minute: step "x" must be a positive whole number'],
    ['*/ * * * *', 'minute: step "" must be a positive whole number'],
    ['*/-1 * * * *', 'minute: step "-1" must be a positive whole number'],
    ['*/1.5 * * * *', 'minute: step "1.5" must be a positive whole number'],
    ['*/+2 * * * *', 'minute: step "+2" must be a positive whole number'],
    ['0 1-5/0 * * *', 'hour: step "0" must be a positive whole number'],
    ['0 0 * * */0', 'day of week: step "0" must be a positive whole number'],
  ])('refuses the bad step in %j', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message)
  })

  it.each([
    ['x * * * *', 'minute: "x" is not a number'],
    ['1,,2 * * * *', 'minute: "" is not a number'],
    ['-5 * * * *', 'minute: "" is not a number'],
    ['5- * * * *', 'minute: "" is not a number'],
    ['1.5 * * * *', 'minute: "1.5" is not a number'],
    ['0 ? * * *', 'hour: "?" is not a number'],
    ['0 0 L * *', 'day of month: "l" is not a number'],
    ['0 0 jan * *', 'day of month: "jan" is not a number'],
    ['0 0 1 foo *', 'month: "foo" is not a number or name'],
    ['0 0 1 mon *', 'month: "mon" is not a number or name'],
    ['0 0 1 january *', 'month: "january" is not a number or name'],
    ['0 0 * * funday', 'day of week: "funday" is not a number or name'],
    ['0 0 * * jan', 'day of week: "jan" is not a number or name'],
    ['0 0 * * monday', 'day of week: "monday" is not a number or name'],
  ])('refuses the junk token in %j', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message)
  })

  it('names only the fields that take names as "number or name"', () => {
    expect(() => parseCron('x * * * *')).toThrow(/^minute: "x" is not a number$/)
    expect(() => parseCron('0 0 1 x *')).toThrow(/^month: "x" is not a number or name$/)
  })
})

describe('isCron', () => {
  it.each(['* * * * *', '0 9 * * 1-5', '*/15 * * * *', '@daily', '0 0 29 2 *', '0 0 31 2 *'])('accepts %j', (expression) => {
    expect(isCron(expression)).toBe(true)
  })

  it.each(['', '* * * *', '60 * * * *', '* * * * 8', '*/0 * * * *', '5-1 * * * *', 'every day', '@reboot'])('refuses %j', (expression) => {
    expect(isCron(expression)).toBe(false)
  })

  it.each([undefined, null, 5, {}, ['* * * * *'], true])('refuses the non-string %j', (value) => {
    expect(isCron(value)).toBe(false)
  })
})

describe('cronForTimeOfDay', () => {
  it('builds a daily expression from a time of day', () => {
    expect(cronForTimeOfDay('09:00')).toBe('0 9 * * *')
    expect(cronForTimeOfDay('07:05')).toBe('5 7 * * *')
    expect(cronForTimeOfDay('00:00')).toBe('0 0 * * *')
    expect(cronForTimeOfDay('23:59')).toBe('59 23 * * *')
  })

  it('treats no days and an empty list of days as every day', () => {
    expect(cronForTimeOfDay('09:30', undefined)).toBe('30 9 * * *')
    expect(cronForTimeOfDay('09:30', [])).toBe('30 9 * * *')
  })

  it('names weekdays by cron number, Sunday as 0', () => {
    expect(cronForTimeOfDay('10:00', ['mon'])).toBe('0 10 * * 1')
    expect(cronForTimeOfDay('10:00', ['sun'])).toBe('0 10 * * 0')
    expect(cronForTimeOfDay('10:00', ['sat', 'sun'])).toBe('0 10 * * 6,0')
    expect(cronForTimeOfDay('08:15', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).toBe('15 8 * * 1,2,3,4,5,6,0')
    expect(cronForTimeOfDay('08:15', ['fri', 'wed'])).toBe('15 8 * * 5,3')
  })

  it.each(['25:00', '9:00', '24:00', '12:60', 'noon', ''])('refuses the malformed time %j', (text) => {
    expect(() => cronForTimeOfDay(text)).toThrow('is not a time of day')
  })

  it('builds an expression that fires on Mondays only', () => {
    const cron = cronForTimeOfDay('10:00', ['mon'])
    // 2026-01-05 is a Monday.
    expect(next(cron, '2026-01-05T09:59:00Z')).toBe('2026-01-05T10:00:00.000Z')
    expect(next(cron, '2026-01-05T10:00:00Z')).toBe('2026-01-12T10:00:00.000Z')
    expect(next(cron, '2026-01-06T00:00:00Z')).toBe('2026-01-12T10:00:00.000Z')
    expect(next(cron, '2026-01-11T23:59:59Z')).toBe('2026-01-12T10:00:00.000Z')
  })

  it('builds an expression that fires at the wall-clock time in a zone', () => {
    expect(next(cronForTimeOfDay('09:00', ['sat', 'sun']), '2026-01-05T00:00:00Z', 'Asia/Shanghai')).toBe('2026-01-10T01:00:00.000Z')
  })
})

describe('nextCronTick', () => {
  it('finds the next minute of a stepped schedule', () => {
    expect(next('*/15 * * * *', '2026-01-05T08:07:30Z')).toBe('2026-01-05T08:15:00.000Z')
    expect(next('*/15 * * * *', '2026-01-05T08:45:00Z')).toBe('2026-01-05T09:00:00.000Z')
    expect(next('*/15 * * * *', '2026-01-05T23:50:00Z')).toBe('2026-01-06T00:00:00.000Z')
  })

  it('returns a tick strictly after `after`, never one exactly at it', () => {
    expect(next('*/15 * * * *', '2026-01-05T08:15:00.000Z')).toBe('2026-01-05T08:30:00.000Z')
    expect(next('*/15 * * * *', '2026-01-05T08:14:59.999Z')).toBe('2026-01-05T08:15:00.000Z')
    expect(next('*/15 * * * *', '2026-01-05T08:15:00.001Z')).toBe('2026-01-05T08:30:00.000Z')
    expect(next('0 9 * * *', '2026-01-05T09:00:00Z')).toBe('2026-01-06T09:00:00.000Z')
  })

  it('takes a parsed schedule as well as text', () => {
    expect(nextCronTick(parseCron('0 9 * * *'), at('2026-01-05T08:00:00Z'), 'UTC')?.toISOString()).toBe('2026-01-05T09:00:00.000Z')
  })

  it('walks hours and minutes in order within a day, then on to the next day', () => {
    expect(next('30 8-10/2 * * *', '2026-01-05T08:00:00Z')).toBe('2026-01-05T08:30:00.000Z')
    expect(next('30 8-10/2 * * *', '2026-01-05T08:30:00Z')).toBe('2026-01-05T10:30:00.000Z')
    expect(next('30 8-10/2 * * *', '2026-01-05T10:30:00Z')).toBe('2026-01-06T08:30:00.000Z')
    expect(next('45,5 9,13 * * *', '2026-01-05T09:05:00Z')).toBe('2026-01-05T09:45:00.000Z')
    expect(next('45,5 9,13 * * *', '2026-01-05T09:45:00Z')).toBe('2026-01-05T13:05:00.000Z')
  })

  it('skips to the next allowed weekday', () => {
    // Friday 2026-01-09 after its tick: the next weekday is Monday 2026-01-12.
    expect(next('0 9 * * 1-5', '2026-01-09T09:00:00Z')).toBe('2026-01-12T09:00:00.000Z')
    expect(next('0 9 * * mon-fri', '2026-01-10T12:00:00Z')).toBe('2026-01-12T09:00:00.000Z')
  })

  it('fires on Sunday for both 0 and 7', () => {
    // Monday 2026-01-05: the next Sunday is 2026-01-11.
    expect(next('0 0 * * 0', '2026-01-05T00:00:00Z')).toBe('2026-01-11T00:00:00.000Z')
    expect(next('0 0 * * 7', '2026-01-05T00:00:00Z')).toBe('2026-01-11T00:00:00.000Z')
    expect(next('0 0 * * sun', '2026-01-05T00:00:00Z')).toBe('2026-01-11T00:00:00.000Z')
  })

  it('skips to the next allowed month, named or numbered', () => {
    expect(next('0 0 1 jan,jul *', '2026-01-05T00:00:00Z')).toBe('2026-07-01T00:00:00.000Z')
    expect(next('0 0 1 1,7 *', '2026-07-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z')
    expect(next('0 12 15 */4 *', '2026-05-20T00:00:00Z')).toBe('2026-09-15T12:00:00.000Z')
  })

  it('skips months without the day', () => {
    expect(next('0 0 31 * *', '2026-01-31T00:00:00Z')).toBe('2026-03-31T00:00:00.000Z')
    expect(next('0 0 31 * *', '2026-03-31T00:00:00Z')).toBe('2026-05-31T00:00:00.000Z')
  })

  it.each([
    ['@hourly', '2026-01-05T08:07:00Z', '2026-01-05T09:00:00.000Z'],
    ['@daily', '2026-01-05T08:07:00Z', '2026-01-06T00:00:00.000Z'],
    ['@midnight', '2026-01-05T00:00:00Z', '2026-01-06T00:00:00.000Z'],
    ['@weekly', '2026-01-05T08:07:00Z', '2026-01-11T00:00:00.000Z'],
    ['@monthly', '2026-01-05T08:07:00Z', '2026-02-01T00:00:00.000Z'],
    ['@yearly', '2026-01-05T08:07:00Z', '2027-01-01T00:00:00.000Z'],
    ['@annually', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
  ])('fires %s after %s at %s', (macro, after, expected) => {
    expect(next(macro, after)).toBe(expected)
  })

  it('throws on an expression that does not parse', () => {
    expect(() => nextCronTick('61 * * * *', at('2026-01-05T00:00:00Z'), 'UTC')).toThrow('minute: 61 is outside 0-59')
  })

  describe('the Vixie either-day rule', () => {
    // January 2026: Friday the 9th, Tuesday the 13th, Friday the 16th; February has Friday the 13th.
    it('fires on a day matching either field when both are restricted', () => {
      expect(next('0 0 13 * 5', '2026-01-05T00:00:00Z')).toBe('2026-01-09T00:00:00.000Z')
      expect(next('0 0 13 * 5', '2026-01-09T00:00:00Z')).toBe('2026-01-13T00:00:00.000Z')
      expect(next('0 0 13 * 5', '2026-01-13T00:00:00Z')).toBe('2026-01-16T00:00:00.000Z')
      expect(next('0 0 1 * mon', '2026-01-27T00:00:00Z')).toBe('2026-02-01T00:00:00.000Z')
      expect(next('0 0 1 * mon', '2026-02-01T00:00:00Z')).toBe('2026-02-02T00:00:00.000Z')
    })

    it('still needs the month to match', () => {
      expect(next('0 0 13 feb 5', '2026-01-05T00:00:00Z')).toBe('2026-02-06T00:00:00.000Z')
    })

    it('uses the day of month alone when the weekday is *', () => {
      expect(next('0 0 13 * *', '2026-01-05T00:00:00Z')).toBe('2026-01-13T00:00:00.000Z')
      expect(next('0 0 13 * *', '2026-01-13T00:00:00Z')).toBe('2026-02-13T00:00:00.000Z')
    })

    it('reads a day field starting with * (a step over every day) as unrestricted, as Vixie cron does', () => {
      // Odd days of the month that are Mondays: 2026-01-05 is a Monday but even; 2026-01-19 is a Monday and odd.
      expect(next('0 0 */2 * 1', '2026-01-05T00:00:00Z')).toBe('2026-01-19T00:00:00.000Z')
      expect(parseCron('0 0 */2 * 1').daysRestricted).toBe(false)
    })

    it('uses the weekday alone when the day of month is *', () => {
      expect(next('0 0 * * 5', '2026-01-05T00:00:00Z')).toBe('2026-01-09T00:00:00.000Z')
      expect(next('0 0 * * 5', '2026-01-09T00:00:00Z')).toBe('2026-01-16T00:00:00.000Z')
    })
  })

  describe('time zones', () => {
    it('reads the schedule as a wall clock in the zone: 09:00 in Shanghai is 01:00Z', () => {
      expect(next('0 9 * * *', '2026-01-05T00:00:00Z', 'Asia/Shanghai')).toBe('2026-01-05T01:00:00.000Z')
      expect(next('0 9 * * *', '2026-01-05T01:00:00Z', 'Asia/Shanghai')).toBe('2026-01-06T01:00:00.000Z')
    })

    it("uses the zone's date, not UTC's, when they differ", () => {
      // 20:00Z on the 4th is already 04:00 on the 5th in Shanghai.
      expect(next('0 9 * * *', '2026-01-04T20:00:00Z', 'Asia/Shanghai')).toBe('2026-01-05T01:00:00.000Z')
      // 08:00Z on Monday the 5th is still 00:00 Monday in Los Angeles; Monday 23:00 PST is Tuesday 07:00Z.
      expect(next('0 23 * * mon', '2026-01-05T08:00:00Z', 'America/Los_Angeles')).toBe('2026-01-06T07:00:00.000Z')
      // 00:00Z is 14:00 in Kiritimati (+14): the next 01:00 there is tomorrow, 11:00Z today.
      expect(next('0 1 * * *', '2026-01-05T00:00:00Z', 'Pacific/Kiritimati')).toBe('2026-01-05T11:00:00.000Z')
    })

    it("matches weekdays on the zone's calendar", () => {
      // Sunday 2026-01-11 18:00Z is Monday 02:00 in Shanghai; Monday 09:00 there is 01:00Z on the 12th.
      expect(next('0 9 * * 1', '2026-01-11T18:00:00Z', 'Asia/Shanghai')).toBe('2026-01-12T01:00:00.000Z')
      // Monday 2026-01-12 02:00Z is still Sunday 18:00 in Los Angeles: Sunday's 20:00 PST is 04:00Z Monday.
      expect(next('0 20 * * sun', '2026-01-12T02:00:00Z', 'America/Los_Angeles')).toBe('2026-01-12T04:00:00.000Z')
    })

    it('reads @daily as midnight in the zone', () => {
      expect(next('@daily', '2026-01-05T00:00:00Z', 'Asia/Shanghai')).toBe('2026-01-05T16:00:00.000Z')
    })

    it('follows summer time: 09:00 in Berlin is 08:00Z in winter and 07:00Z in summer', () => {
      expect(next('0 9 * * *', '2026-01-05T00:00:00Z', 'Europe/Berlin')).toBe('2026-01-05T08:00:00.000Z')
      expect(next('0 9 * * *', '2026-07-01T00:00:00Z', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z')
    })
  })

  describe('DST in Europe/Berlin', () => {
    it('fires a time in the spring-forward gap at the end of the gap (03:00 CEST = 01:00Z)', () => {
      expect(next('30 2 * * *', '2026-03-28T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z')
    })

    it('fires normally either side of the spring-forward day', () => {
      // 02:30 CET on the 28th, 02:30 CEST on the 30th.
      expect(next('30 2 * * *', '2026-03-27T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-28T01:30:00.000Z')
      expect(next('30 2 * * *', '2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-30T00:30:00.000Z')
    })

    it('fires each hour once across the gap', () => {
      expect(next('0 * * * *', '2026-03-28T23:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T00:00:00.000Z')
      // 02:00 does not exist: it becomes 03:00 CEST (01:00Z), which 03:00 itself also is, so the next is 04:00 CEST.
      expect(next('0 * * * *', '2026-03-29T00:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z')
      expect(next('0 * * * *', '2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T02:00:00.000Z')
    })

    it('fires a time in the fall-back overlap once, at the earlier instant (00:30Z)', () => {
      expect(next('30 2 * * *', '2026-10-24T12:00:00Z', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z')
      // Not again at the second 02:30 (01:30Z): the next tick is the 26th, 02:30 CET.
      expect(next('30 2 * * *', '2026-10-25T00:30:00Z', 'Europe/Berlin')).toBe('2026-10-26T01:30:00.000Z')
      expect(next('30 2 * * *', '2026-10-25T01:00:00Z', 'Europe/Berlin')).toBe('2026-10-26T01:30:00.000Z')
    })

    it('fires the repeated hour once on the fall-back day', () => {
      // 02:00 CEST is 00:00Z; the repeated 02:00 CET (01:00Z) is skipped; 03:00 CET is 02:00Z.
      expect(next('0 * * * *', '2026-10-24T23:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T00:00:00.000Z')
      expect(next('0 * * * *', '2026-10-25T00:00:00Z', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z')
    })
  })

  describe('rare and impossible days', () => {
    it('finds the next 29 February', () => {
      expect(next('0 0 29 2 *', '2026-01-05T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z')
      expect(next('0 0 29 2 *', '2028-02-29T00:00:00Z')).toBe('2032-02-29T00:00:00.000Z')
      expect(next('0 0 29 feb *', '2028-02-28T23:59:00Z')).toBe('2028-02-29T00:00:00.000Z')
    })

    it('finds a 29 February across the century year that has none (2100)', () => {
      expect(next('0 0 29 2 *', '2097-03-01T00:00:00Z')).toBe('2104-02-29T00:00:00.000Z')
    })

    it('returns null for a day no month has', () => {
      expect(nextCronTick('0 0 31 2 *', at('2026-01-05T00:00:00Z'), 'UTC')).toBeNull()
      expect(nextCronTick('0 0 30 2 *', at('2026-01-05T00:00:00Z'), 'UTC')).toBeNull()
      expect(nextCronTick('0 0 31 4,6,9,11 *', at('2026-01-05T00:00:00Z'), 'Asia/Shanghai')).toBeNull()
    })

    it('still fires an impossible day of month through its weekday (either-day rule)', () => {
      // 31 February never comes, but Mondays in February do: 2026-02-02.
      expect(next('0 0 31 2 mon', '2026-01-05T00:00:00Z')).toBe('2026-02-02T00:00:00.000Z')
    })
  })
})
