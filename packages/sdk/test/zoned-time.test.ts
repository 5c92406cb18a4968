import { describe, expect, it } from 'vitest'
import {
  addDays,
  formatLocalDate,
  instantAt,
  isDayOffset,
  isTimeOfDay,
  isTimeZone,
  isValidLocalDate,
  localDateOf,
  nextTimeOfDay,
  parseDayOffset,
  parseTimeOfDay,
  utcOffsetMs,
  weekdayOf,
  zonedParts,
  type LocalDate,
} from '../src/time/index.ts'

const at = (iso: string) => new Date(iso)
const day = (text: string): LocalDate => {
  const [year, month, dayOfMonth] = text.split('-').map(Number)
  return { year, month, day: dayOfMonth }
}
const HOUR = 3_600_000

describe('zonedParts', () => {
  it('reads the wall clock and weekday in a zone', () => {
    expect(zonedParts(at('2026-01-05T08:00:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026, month: 1, day: 5, hour: 16, minute: 0, second: 0, weekday: 'mon',
    })
  })

  it('follows Berlin from winter to summer time', () => {
    expect(zonedParts(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toMatchObject({ hour: 13 })
    expect(zonedParts(at('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toMatchObject({ hour: 14 })
  })

  it('shows the previous local date west of UTC', () => {
    expect(zonedParts(at('2026-01-05T03:00:00Z'), 'America/New_York')).toMatchObject({ year: 2026, month: 1, day: 4, hour: 22, weekday: 'sun' })
  })

  it('shows midnight as hour 0, not 24', () => {
    expect(zonedParts(at('2026-01-04T16:00:00Z'), 'Asia/Shanghai')).toMatchObject({ day: 5, hour: 0 })
  })

  it('throws on an unknown zone', () => {
    expect(() => zonedParts(at('2026-01-05T08:00:00Z'), 'Mars/Olympus')).toThrow(RangeError)
  })
})

describe('utcOffsetMs', () => {
  it.each([
    ['Asia/Shanghai', '2026-01-05T00:00:00Z', 8],
    ['Asia/Shanghai', '2026-07-05T00:00:00Z', 8],
    ['Europe/Berlin', '2026-01-05T00:00:00Z', 1],
    ['Europe/Berlin', '2026-07-05T00:00:00Z', 2],
    ['America/New_York', '2026-01-05T00:00:00Z', -5],
    ['America/New_York', '2026-07-05T00:00:00Z', -4],
    ['UTC', '2026-07-05T00:00:00Z', 0],
  ])('%s at %s is UTC%+d', (zone, instant, hours) => {
    expect(utcOffsetMs(at(instant), zone)).toBe(hours * HOUR)
  })

  it('changes at the instant Berlin springs forward', () => {
    expect(utcOffsetMs(at('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(1 * HOUR)
    expect(utcOffsetMs(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR)
  })
})

describe('isTimeZone', () => {
  it.each(['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC', 'asia/shanghai'])('accepts %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true)
  })

  it.each([['Mars/Olympus'], ['Shanghai'], [''], ['  '], [42], [null], [undefined]])('refuses %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false)
  })
})

describe('instantAt', () => {
  it('finds the instant a local time happens', () => {
    expect(instantAt(day('2026-06-29'), '09:00', 'Asia/Shanghai')).toEqual(at('2026-06-29T01:00:00Z'))
    expect(instantAt(day('2026-06-29'), '09:00', 'America/New_York')).toEqual(at('2026-06-29T13:00:00Z'))
    expect(instantAt(day('2026-01-05'), '00:00', 'Europe/Berlin')).toEqual(at('2026-01-04T23:00:00Z'))
  })

  it('takes a parsed time too', () => {
    expect(instantAt(day('2026-06-29'), { hour: 14, minute: 30 }, 'Asia/Shanghai')).toEqual(at('2026-06-29T06:30:00Z'))
  })

  describe('Berlin springs forward on 2026-03-29 (02:00 → 03:00)', () => {
    it.each([
      ['01:59', '2026-03-29T00:59:00Z'],
      ['02:00', '2026-03-29T01:00:00Z'],
      ['02:30', '2026-03-29T01:00:00Z'],
      ['02:59', '2026-03-29T01:00:00Z'],
      ['03:00', '2026-03-29T01:00:00Z'],
      ['03:01', '2026-03-29T01:01:00Z'],
      ['09:00', '2026-03-29T07:00:00Z'],
    ])('%s local is %s (times in the gap move to its end)', (time, expected) => {
      expect(instantAt(day('2026-03-29'), time, 'Europe/Berlin')).toEqual(at(expected))
    })
  })

  describe('Berlin falls back on 2026-10-25 (03:00 → 02:00)', () => {
    it.each([
      ['01:59', '2026-10-24T23:59:00Z'],
      ['02:00', '2026-10-25T00:00:00Z'],
      ['02:30', '2026-10-25T00:30:00Z'],
      ['03:00', '2026-10-25T02:00:00Z'],
      ['09:00', '2026-10-25T08:00:00Z'],
    ])('%s local is %s (a repeated time is its first occurrence)', (time, expected) => {
      expect(instantAt(day('2026-10-25'), time, 'Europe/Berlin')).toEqual(at(expected))
    })
  })

  it('handles New York springing forward on 2026-03-08 and falling back on 2026-11-01', () => {
    expect(instantAt(day('2026-03-08'), '02:30', 'America/New_York')).toEqual(at('2026-03-08T07:00:00Z'))
    expect(instantAt(day('2026-03-08'), '09:00', 'America/New_York')).toEqual(at('2026-03-08T13:00:00Z'))
    expect(instantAt(day('2026-11-01'), '01:30', 'America/New_York')).toEqual(at('2026-11-01T05:30:00Z'))
    expect(instantAt(day('2026-11-01'), '09:00', 'America/New_York')).toEqual(at('2026-11-01T14:00:00Z'))
  })

  it('handles a half-hour DST change (Lord Howe Island, 02:00 → 02:30)', () => {
    expect(instantAt(day('2026-10-04'), '02:10', 'Australia/Lord_Howe')).toEqual(at('2026-10-03T15:30:00Z'))
    expect(instantAt(day('2026-10-04'), '02:30', 'Australia/Lord_Howe')).toEqual(at('2026-10-03T15:30:00Z'))
  })

  it('handles a whole skipped day (Samoa skipped 2011-12-30): the first instant after it', () => {
    const instant = instantAt(day('2011-12-30'), '09:00', 'Pacific/Apia')
    expect(instant).toEqual(at('2011-12-30T10:00:00Z'))
    expect(zonedParts(instant, 'Pacific/Apia')).toMatchObject({ year: 2011, month: 12, day: 31, hour: 0, minute: 0 })
  })

  it('refuses a malformed time or an unknown zone', () => {
    expect(() => instantAt(day('2026-06-29'), '24:00', 'Asia/Shanghai')).toThrow('not a time of day')
    expect(() => instantAt(day('2026-06-29'), '9:00', 'Asia/Shanghai')).toThrow('not a time of day')
    expect(() => instantAt(day('2026-06-29'), '09:00', 'Nowhere/City')).toThrow(RangeError)
  })

  it.each(['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'])(
    'round-trips every few hours of 2026 through zonedParts in %s',
    (zone) => {
      // 7h13m steps visit every hour of the day and many minutes across the year, DST days included.
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 7 * HOUR + 13 * 60_000) {
        const shown = zonedParts(new Date(t), zone)
        const time = `${String(shown.hour).padStart(2, '0')}:${String(shown.minute).padStart(2, '0')}`
        const found = instantAt(shown, time, zone).getTime()
        // The same instant, or the first occurrence of a time the fall-back repeats.
        expect(t - found === 0 || (t - found > 0 && t - found <= HOUR), `${zone} ${new Date(t).toISOString()}`).toBe(true)
        expect(zonedParts(new Date(found), zone)).toMatchObject({ day: shown.day, hour: shown.hour, minute: shown.minute })
      }
    },
  )
})

describe('nextTimeOfDay', () => {
  const monday8utc = at('2026-01-05T08:00:00Z') // Monday 16:00 in Shanghai

  it('is later today when the time is still ahead', () => {
    expect(nextTimeOfDay(monday8utc, '18:00', 'Asia/Shanghai')).toEqual(at('2026-01-05T10:00:00Z'))
  })

  it('is tomorrow when the time has passed today', () => {
    expect(nextTimeOfDay(monday8utc, '14:00', 'Asia/Shanghai')).toEqual(at('2026-01-06T06:00:00Z'))
  })

  it('includes `from` itself', () => {
    expect(nextTimeOfDay(monday8utc, '16:00', 'Asia/Shanghai')).toEqual(monday8utc)
  })

  it('keeps to the given weekdays', () => {
    expect(nextTimeOfDay(monday8utc, '14:00', 'Asia/Shanghai', ['sat', 'sun'])).toEqual(at('2026-01-10T06:00:00Z'))
    expect(nextTimeOfDay(monday8utc, '18:00', 'Asia/Shanghai', ['mon'])).toEqual(at('2026-01-05T10:00:00Z'))
    expect(nextTimeOfDay(monday8utc, '18:00', 'Asia/Shanghai', ['wed', 'fri'])).toEqual(at('2026-01-07T10:00:00Z'))
  })

  it('goes a full week ahead when only today is allowed and today’s time has passed', () => {
    expect(nextTimeOfDay(monday8utc, '14:00', 'Asia/Shanghai', ['mon'])).toEqual(at('2026-01-12T06:00:00Z'))
  })

  it('treats an empty list of days as every day', () => {
    expect(nextTimeOfDay(monday8utc, '14:00', 'Asia/Shanghai', [])).toEqual(at('2026-01-06T06:00:00Z'))
  })

  it('uses the weekday of the zone, not of UTC', () => {
    // 2026-01-05T03:00Z is Sunday evening in New York: its next 09:00 on a Monday is the same UTC day.
    expect(nextTimeOfDay(at('2026-01-05T03:00:00Z'), '09:00', 'America/New_York', ['mon'])).toEqual(at('2026-01-05T14:00:00Z'))
  })

  it('lands at 09:00 local after New York springs forward overnight', () => {
    expect(nextTimeOfDay(at('2026-03-07T15:00:00Z'), '09:00', 'America/New_York')).toEqual(at('2026-03-08T13:00:00Z'))
  })

  it('fires once on the day Berlin falls back, not again when 02:30 repeats', () => {
    const first = nextTimeOfDay(at('2026-10-24T12:00:00Z'), '02:30', 'Europe/Berlin')
    expect(first).toEqual(at('2026-10-25T00:30:00Z'))
    const after = nextTimeOfDay(new Date(first.getTime() + 60_000), '02:30', 'Europe/Berlin')
    expect(after).toEqual(at('2026-10-26T01:30:00Z'))
  })

  it('moves a time in the spring-forward gap to the gap’s end', () => {
    expect(nextTimeOfDay(at('2026-03-28T12:00:00Z'), '02:30', 'Europe/Berlin')).toEqual(at('2026-03-29T01:00:00Z'))
  })
})

describe('local dates', () => {
  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-07-02', -3, '2026-06-29'],
    ['2026-06-30', 0, '2026-06-30'],
    ['2026-01-31', 30, '2026-03-02'],
  ])('%s plus %d days is %s', (from, days, expected) => {
    expect(formatLocalDate(addDays(day(from), days))).toBe(expected)
  })

  it('names weekdays Monday first', () => {
    expect(weekdayOf(day('2026-01-05'))).toBe('mon')
    expect(weekdayOf(day('2026-03-29'))).toBe('sun')
    expect(weekdayOf(day('2026-10-24'))).toBe('sat')
  })

  it('knows which dates the calendar has', () => {
    expect(isValidLocalDate(day('2028-02-29'))).toBe(true)
    expect(isValidLocalDate(day('2026-02-29'))).toBe(false)
    expect(isValidLocalDate(day('2026-13-01'))).toBe(false)
    expect(isValidLocalDate(day('2026-04-31'))).toBe(false)
    expect(isValidLocalDate({ year: 2026, month: 1, day: 1.5 })).toBe(false)
  })

  it('pads years, months and days', () => {
    expect(formatLocalDate({ year: 987, month: 1, day: 2 })).toBe('0987-01-02')
  })
})

describe('localDateOf', () => {
  it('takes a date as written, whatever the zone', () => {
    expect(localDateOf('2026-06-30', 'Asia/Shanghai')).toEqual(day('2026-06-30'))
    expect(localDateOf('2026-06-30', 'America/New_York')).toEqual(day('2026-06-30'))
  })

  it('reads a date-time with a zone as an instant, dated in the given zone', () => {
    expect(localDateOf('2026-06-30T20:00:00Z', 'Asia/Shanghai')).toEqual(day('2026-07-01'))
    expect(localDateOf('2026-06-30T20:00:00Z', 'America/New_York')).toEqual(day('2026-06-30'))
    expect(localDateOf('2026-06-30T02:00:00.000Z', 'America/New_York')).toEqual(day('2026-06-29'))
  })

  it('reads numeric offsets, with or without a colon', () => {
    expect(localDateOf('2026-06-30T07:00:00+08:00', 'America/New_York')).toEqual(day('2026-06-29'))
    expect(localDateOf('2026-06-30T07:00:00+0800', 'America/New_York')).toEqual(day('2026-06-29'))
    expect(localDateOf('2026-06-30T22:00-05:00', 'Asia/Shanghai')).toEqual(day('2026-07-01'))
  })

  it('reads a date-time without a zone as a wall-clock reading: its own date', () => {
    expect(localDateOf('2026-06-30T23:30:00', 'Asia/Shanghai')).toEqual(day('2026-06-30'))
    expect(localDateOf('2026-06-30 23:30', 'America/New_York')).toEqual(day('2026-06-30'))
  })

  it('accepts Date objects and surrounding spaces', () => {
    expect(localDateOf(at('2026-06-30T20:00:00Z'), 'Asia/Shanghai')).toEqual(day('2026-07-01'))
    expect(localDateOf(' 2026-06-30 ', 'UTC')).toEqual(day('2026-06-30'))
  })

  it.each([
    ['2026-02-30'],
    ['2026-13-01T00:00:00Z'],
    ['2026-06-30T25:00:00Z'],
    ['30/06/2026'],
    ['next tuesday'],
    [''],
    [20260630],
    [null],
    [undefined],
    [{ year: 2026 }],
    [new Date(Number.NaN)],
  ])('is null for %j', (value) => {
    expect(localDateOf(value, 'Asia/Shanghai')).toBeNull()
  })
})

describe('times of day and day offsets', () => {
  it('parses HH:MM on a 24-hour clock', () => {
    expect(parseTimeOfDay('00:00')).toEqual({ hour: 0, minute: 0 })
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 })
    expect(isTimeOfDay('14:00')).toBe(true)
    for (const bad of ['24:00', '9:00', '09:60', '0900', '09:00:00', 14]) expect(isTimeOfDay(bad)).toBe(false)
  })

  it.each([
    ['-3d', -3],
    ['+1d', 1],
    ['1d', 1],
    ['0d', 0],
    ['-0d', 0],
    ['3650d', 3650],
  ])('reads %s as %d days', (text, days) => {
    expect(parseDayOffset(text)).toBe(days)
  })

  it.each([['3651d'], ['-1 d'], ['1w'], ['-3'], ['d'], ['+-1d'], ['1.5d'], [3]])('refuses %j', (text) => {
    expect(isDayOffset(text)).toBe(false)
  })

  it('names what it expects when it refuses', () => {
    expect(() => parseDayOffset('3 days')).toThrow('use e.g. -3d, 0d or +1d')
  })
})
