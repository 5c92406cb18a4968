import { describe, expect, it } from 'vitest'
import { ManualClock, runNode, type MemoryWorld } from '@kairos/sdk/testing'
import type { WorkdayCalendar } from '@kairos/sdk'
import waitUntil from '../src/index.ts'

// National Day 2026 in mainland China: 1–7 October off, Saturday 10 October worked (调休).
const calendar: WorkdayCalendar = {
  name: 'cn-mainland',
  years: [2026],
  holidays: new Map(['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, '国庆节'])),
  workdays: new Map([['2026-10-10', '国庆节调休上班']]),
}
const worldWith = (calendars: WorkdayCalendar[]): MemoryWorld => ({
  contact: { id: '1', externalId: 'sh', attributes: { timezone: 'Asia/Shanghai' }, tags: [], ownerId: null },
  events: [],
  sent: [],
  calendars,
})
const wakeAt = async (now: string, calendars: WorkdayCalendar[] = [calendar], config: object = { at: '09:00', workday: true }) =>
  (await runNode(waitUntil, { config, clock: new ManualClock(now), world: worldWith(calendars) })).result

describe('wait.until on a workday', () => {
  it('skips the holiday week to Thursday 8 October', async () => {
    expect(await wakeAt('2026-09-30T12:00:00Z')).toEqual({
      kind: 'wait', until: new Date('2026-10-08T01:00:00Z'), port: 'next',
      output: { target: '2026-10-08T01:00:00.000Z', timezone: 'Asia/Shanghai', calendar: 'cn-mainland' },
    })
  })

  it('lands on the make-up Saturday and skips the Sunday after', async () => {
    expect(await wakeAt('2026-10-09T12:00:00Z')).toMatchObject({ until: new Date('2026-10-10T01:00:00Z') })
    expect(await wakeAt('2026-10-10T12:00:00Z')).toMatchObject({ until: new Date('2026-10-12T01:00:00Z') })
  })

  it('without a calendar waits for Monday to Friday', async () => {
    expect(await wakeAt('2026-09-30T12:00:00Z', [])).toMatchObject({ until: new Date('2026-10-01T01:00:00Z'), output: { calendar: null } })
    expect(await wakeAt('2026-10-09T12:00:00Z', [])).toMatchObject({ until: new Date('2026-10-12T01:00:00Z') })
  })

  it('refuses workday with a date attribute or weekdays, and a calendar without workday', async () => {
    for (const config of [{ at: '09:00', workday: true, date: { attribute: 'end' } }, { at: '09:00', workday: true, days: ['mon'] }, { at: '09:00', calendar: 'cn-mainland' }])
      await expect(runNode(waitUntil, { config })).rejects.toThrow(/config refused: config\.(workday|days|calendar)/)
  })
})
