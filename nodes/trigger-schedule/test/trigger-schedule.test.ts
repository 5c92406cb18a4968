import { describe, expect, it } from 'vitest'
import { nextCronTick, portsOf, validateAgainstSchema, type ScheduleTriggerSpec } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import triggerSchedule from '../src/index.ts'

const spec = triggerSchedule.trigger as ScheduleTriggerSpec<Record<string, unknown>>
const SEGMENT = '3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c'
const EVERYONE_ACTIVE = { attribute: 'status', op: 'eq', value: 'active' }
const refused = (config: unknown) => runNode(triggerSchedule, { config })

describe('trigger.schedule', () => {
  it('is a trigger node of type trigger.schedule, version 1, with a next port', () => {
    expect(triggerSchedule).toMatchObject({ type: 'trigger.schedule', version: 1, category: 'trigger' })
    expect(portsOf(triggerSchedule, { at: '09:00', segment: SEGMENT })).toEqual(['next'])
    expect(triggerSchedule.trigger?.kind).toBe('schedule')
  })

  it('lets the contact in through next', async () => {
    const { result } = await runNode(triggerSchedule, { config: { at: '09:00', segment: SEGMENT } })
    expect(result).toEqual({ kind: 'port', port: 'next', output: undefined })
  })

  it('lets the contact in with a cron schedule and a condition audience', async () => {
    const { result } = await runNode(triggerSchedule, { config: { cron: '0 9 * * 1-5', condition: EVERYONE_ACTIVE, missed: 'skip' } })
    expect(result).toEqual({ kind: 'port', port: 'next', output: undefined })
  })

  describe('the schedule it declares', () => {
    it('builds a daily cron from at, read in the flow zone, missed ticks run, entering a segment', () => {
      expect(spec.schedule({ at: '09:00', segment: SEGMENT, missed: 'run' })).toEqual({
        cron: '0 9 * * *',
        timezone: undefined,
        missed: 'run',
        audience: { segment: SEGMENT },
      })
    })

    it('builds the cron from at and days', () => {
      expect(spec.schedule({ at: '10:00', days: ['mon'], segment: SEGMENT }).cron).toBe('0 10 * * 1')
      expect(spec.schedule({ at: '07:45', days: ['mon', 'wed', 'sun'], segment: SEGMENT }).cron).toBe('45 7 * * 1,3,0')
      expect(spec.schedule({ at: '07:45', days: [], segment: SEGMENT }).cron).toBe('45 7 * * *')
    })

    it('passes a cron expression through as written', () => {
      expect(spec.schedule({ cron: '*/30 8-18 * * mon-fri', segment: SEGMENT }).cron).toBe('*/30 8-18 * * mon-fri')
    })

    it('declares its timezone', () => {
      expect(spec.schedule({ at: '09:00', timezone: 'Asia/Shanghai', segment: SEGMENT }).timezone).toBe('Asia/Shanghai')
    })

    it("defaults missed to 'run' and keeps 'skip'", () => {
      expect(spec.schedule({ at: '09:00', segment: SEGMENT }).missed).toBe('run')
      expect(spec.schedule({ at: '09:00', segment: SEGMENT, missed: 'skip' }).missed).toBe('skip')
    })

    it('declares everyone as the audience, and refuses everyone beside a segment', async () => {
      expect(spec.schedule({ cron: '@daily', everyone: true }).audience).toEqual({ everyone: true })
      await expect(runNode(triggerSchedule, { config: { cron: '@daily', everyone: true, segment: SEGMENT } })).rejects.toThrow(
        'config.segment give the audience as one of: a segment, a condition, or everyone',
      )
    })

    it('declares a condition audience', () => {
      expect(spec.schedule({ cron: '@daily', condition: EVERYONE_ACTIVE }).audience).toEqual({ condition: EVERYONE_ACTIVE })
    })

    it('fills in missed as run when the config is validated without it', () => {
      // The schema default applies in place, as the server validates before compiling.
      const config: Record<string, unknown> = { at: '09:00', segment: SEGMENT }
      expect(validateAgainstSchema(triggerSchedule.config, config)).toEqual([])
      expect(config.missed).toBe('run')
    })

    it('declares a cron that fires at the configured time in the configured zone', () => {
      const schedule = spec.schedule({ at: '10:00', days: ['mon'], timezone: 'Asia/Shanghai', segment: SEGMENT })
      // Monday 2026-01-05 10:00 in Shanghai is 02:00Z; after it, the next Monday.
      expect(nextCronTick(schedule.cron, new Date('2026-01-05T00:00:00Z'), schedule.timezone!)?.toISOString()).toBe('2026-01-05T02:00:00.000Z')
      expect(nextCronTick(schedule.cron, new Date('2026-01-05T02:00:00Z'), schedule.timezone!)?.toISOString()).toBe('2026-01-12T02:00:00.000Z')
    })
  })

  describe('config', () => {
    it.each([
      [{ at: '09:00', segment: SEGMENT }],
      [{ at: '09:00', days: ['sat', 'sun'], timezone: 'Europe/Berlin', segment: SEGMENT, missed: 'skip' }],
      [{ cron: '0 9 * * 1-5', segment: SEGMENT }],
      [{ cron: '@weekly', timezone: 'America/New_York', condition: EVERYONE_ACTIVE }],
      [{ at: '00:00', condition: { any: [{ tag: 'vip' }, { attribute: 'tier', op: 'eq', value: 'gold' }] } }],
    ])('accepts %j', async (config) => {
      await expect(runNode(triggerSchedule, { config })).resolves.toMatchObject({ result: { kind: 'port', port: 'next' } })
    })

    it.each([
      [{ at: '09:00', cron: '0 9 * * *', segment: SEGMENT }, 'config.at give either a time of day (at) or a cron expression (cron), not both'],
      [{ segment: SEGMENT }, 'config.at give either a time of day (at) or a cron expression (cron), not both'],
      [{ cron: '0 9 * * *', days: ['mon'], segment: SEGMENT }, 'config.days days go with at; a cron expression names its own days'],
      [{ cron: '0 9 * * * *', segment: SEGMENT }, 'config.cron a cron expression has 5 fields (minute hour day month weekday), not 6'],
      [{ cron: '0 25 * * *', segment: SEGMENT }, 'config.cron hour: 25 is outside 0-23'],
      [{ cron: '0 9 * * funday', segment: SEGMENT }, 'config.cron day of week: "funday" is not a number or name'],
      [{ cron: '', segment: SEGMENT }, 'config.cron must NOT have fewer than 1 characters'],
      [{ at: '09:00', timezone: 'Mars/Olympus', segment: SEGMENT }, 'config.timezone "Mars/Olympus" is not a known IANA timezone'],
      [{ at: '09:00', segment: SEGMENT, condition: EVERYONE_ACTIVE }, 'config.segment give the audience as one of: a segment, a condition, or everyone'],
      [{ at: '09:00' }, 'config.segment give the audience as one of: a segment, a condition, or everyone'],
      [{ at: '09:00', segment: 'newsletter' }, 'config.segment must match format "uuid"'],
      [{ at: '09:00', condition: { attribute: 'status', value: 'active' } }, 'config.condition.op is required'],
      [{ at: '09:00', condition: { attribute: 'status', op: 'equals', value: 'active' } }, 'config.condition.op'],
      [{ at: '09:00', condition: { nobody: true } }, 'config.condition unknown condition'],
      [{ at: '25:00', segment: SEGMENT }, 'config.at must match format "kairos-time-of-day"'],
      [{ at: '9:00', segment: SEGMENT }, 'config.at must match format "kairos-time-of-day"'],
      [{ at: '09:00', days: ['monday'], segment: SEGMENT }, 'config.days[0]'],
      [{ at: '09:00', days: ['mon', 'mon'], segment: SEGMENT }, 'config.days must NOT have duplicate items'],
      [{ at: '09:00', segment: SEGMENT, missed: 'later' }, 'config.missed'],
      [{ at: '09:00', segment: SEGMENT, every: 'day' }, 'config.every is not a known field'],
    ])('refuses %j', async (config, message) => {
      await expect(refused(config)).rejects.toThrow(`config refused: `)
      await expect(refused(config)).rejects.toThrow(message)
    })

    it('reports every problem at once', async () => {
      await expect(refused({ cron: 'often', days: ['mon'], timezone: 'Nowhere/Land' })).rejects.toThrow(
        'config refused: config.days days go with at; a cron expression names its own days; ' +
          'config.cron a cron expression has 5 fields (minute hour day month weekday), not 1; ' +
          'config.timezone "Nowhere/Land" is not a known IANA timezone; ' +
          'config.segment give the audience as one of: a segment, a condition, or everyone',
      )
    })

    it('accepts an empty list of days beside cron', async () => {
      await expect(runNode(triggerSchedule, { config: { cron: '0 9 * * *', days: [], segment: SEGMENT } })).resolves.toBeDefined()
    })
  })
})
