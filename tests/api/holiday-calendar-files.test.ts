import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { parseIcsCalendar } from '../../packages/server/src/calendars/parse-ics-calendar.ts'
import { parseJsonCalendar } from '../../packages/server/src/calendars/parse-json-calendar.ts'
import { endOfDaysOff } from '../../packages/server/src/policies/holiday-days.ts'
import { readCalendarFile } from './holiday-calendar-support.ts'

// The two calendar formats and the day-off rule, without a database: what each format accepts,
// how it names what it refuses, and what "holidays" and "non-workdays" keep messages off.

const example = (ext: string) => readFileSync(new URL(`../../examples/calendars/cn-mainland-2026.${ext}`, import.meta.url), 'utf8')

describe('the ICS format', () => {
  it('reads folded lines, escapes, a missing DTEND (one day) and the (补班) suffix', () => {
    // Unfolding drops the line break and the one space that starts the next line (RFC 5545 3.1).
    const ics = [
      'BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261001', 'DTEND;VALUE=DATE:20261003', 'SUMMARY:National Day\\, Golden', '  Week', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261010', 'SUMMARY:国庆节（补班）', 'END:VEVENT', 'END:VCALENDAR',
    ].join('\n')
    expect(parseIcsCalendar(ics)).toEqual({
      file: {
        description: null,
        years: [2026],
        days: [
          { date: '2026-10-01', kind: 'holiday', label: 'National Day, Golden Week' },
          { date: '2026-10-02', kind: 'holiday', label: 'National Day, Golden Week' },
          { date: '2026-10-10', kind: 'workday', label: '国庆节' },
        ],
      },
    })
  })

  it('refuses what is not a calendar of all-day events, naming the line', () => {
    expect(parseIcsCalendar('hello')).toEqual({ problems: [{ field: 'line 1', message: 'an iCalendar file starts with BEGIN:VCALENDAR' }] })
    const problems = parseIcsCalendar(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261001', 'RRULE:FREQ=YEARLY', 'SUMMARY:x', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261005', 'DTEND;VALUE=DATE:20261005', 'SUMMARY:y', 'END:VEVENT', 'BEGIN:VEVENT', 'END:VCALENDAR'].join('\r\n')).problems
    expect(problems).toEqual([
      { field: 'line 4', message: 'RRULE is not supported: list each day off as its own event' },
      { field: 'line 7', message: 'DTEND must be after DTSTART (DTEND is the day after the last day)' },
      { field: 'line 12', message: 'BEGIN:VEVENT without END:VEVENT' },
    ])
  })

  it('gives the same days as the JSON example', () => {
    expect(parseIcsCalendar(example('ics')).file?.days).toEqual(parseJsonCalendar(example('json')).file?.days)
    expect(parseJsonCalendar(example('json')).file?.days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ])
  })
})

describe('the JSON format', () => {
  it('refuses a day listed twice, unknown fields and too long a range, naming each', () => {
    const parsed = parseJsonCalendar(JSON.stringify({
      colour: 'red',
      holidays: [{ from: '2026-01-01', to: '2026-03-01', name: 'long' }, { date: '2026-10-01', name: 'a', extra: 1 }],
    }))
    expect(parsed.problems).toEqual([
      { field: 'colour', message: 'is not a field of the calendar format' },
      { field: 'holidays[0].to', message: 'a range may span at most 31 days' },
      { field: 'holidays[1].extra', message: 'is not a field of a calendar day (date, from, to, name)' },
    ])
    expect(parseJsonCalendar(JSON.stringify({ holidays: [{ date: '2026-10-01', name: 'a' }], workdays: [{ date: '2026-10-01', name: 'b' }] })).problems).toEqual([
      { field: 'workdays[0]', message: '2026-10-01 is already listed at holidays[0]' },
    ])
  })
})

describe('days off, in the contact’s zone', () => {
  const calendar = readCalendarFile('cn-mainland', example('json'))
  const at = (iso: string, avoid: 'holidays' | 'non-workdays', zone = 'Asia/Shanghai') => {
    const moved = endOfDaysOff(new Date(iso), { calendar, avoid }, zone)
    return { at: moved.at.toISOString(), rule: moved.rule }
  }

  it('holidays: the next day that is no holiday, weekends allowed', () => {
    expect(at('2026-10-03T02:00:00Z', 'holidays')).toEqual({ at: '2026-10-07T16:00:00.000Z', rule: 'holiday calendar cn-mainland: 国庆节 (Asia/Shanghai)' })
    expect(at('2026-10-11T02:00:00Z', 'holidays')).toEqual({ at: '2026-10-11T02:00:00.000Z', rule: null })
  })

  it('non-workdays: weekends too, make-up workdays allowed', () => {
    expect(at('2026-10-10T02:00:00Z', 'non-workdays')).toEqual({ at: '2026-10-10T02:00:00.000Z', rule: null })
    expect(at('2026-10-11T02:00:00Z', 'non-workdays')).toEqual({ at: '2026-10-11T16:00:00.000Z', rule: 'holiday calendar cn-mainland: weekend (Asia/Shanghai)' })
    // Sunday 27 September is 中秋节; Monday 28 September is a workday.
    expect(at('2026-09-27T02:00:00Z', 'non-workdays')).toEqual({ at: '2026-09-27T16:00:00.000Z', rule: 'holiday calendar cn-mainland: 中秋节 (Asia/Shanghai)' })
  })

  it('judges the day on the contact’s own clock', () => {
    // 23:30 on 30 September in Berlin is 05:30 on 1 October in Shanghai.
    expect(at('2026-09-30T21:30:00Z', 'holidays', 'Europe/Berlin').rule).toBe(null)
    expect(at('2026-09-30T21:30:00Z', 'holidays').rule).toBe('holiday calendar cn-mainland: 国庆节 (Asia/Shanghai)')
  })
})
