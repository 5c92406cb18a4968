import { describe, expect, it } from 'vitest'
import { portsOf, validateAgainstSchema, type DateTriggerSpec } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import triggerDate from '../src/index.ts'

const spec = triggerDate.trigger as DateTriggerSpec<Record<string, unknown>>
const PREMIUM = { attribute: 'tier', op: 'eq', value: 'premium' }
const refused = (config: unknown) => runNode(triggerDate, { config })

describe('trigger.date', () => {
  it('is a trigger node of type trigger.date, version 1, with a next port', () => {
    expect(triggerDate).toMatchObject({ type: 'trigger.date', version: 1, category: 'trigger' })
    expect(portsOf(triggerDate, { attribute: 'birthday', at: '09:00' })).toEqual(['next'])
    expect(triggerDate.trigger?.kind).toBe('date')
  })

  it('lets the contact in through next', async () => {
    const { result } = await runNode(triggerDate, { config: { attribute: 'subscription_end', offset: '-3d', at: '09:00' } })
    expect(result).toEqual({ kind: 'port', port: 'next', output: undefined })
  })

  describe('the moment it declares', () => {
    it('parses the offset into whole days and defaults repeat to once', () => {
      expect(spec.date({ attribute: 'subscription_end', offset: '-3d', at: '09:00' })).toEqual({
        attribute: 'subscription_end',
        offsetDays: -3,
        at: '09:00',
        repeat: 'once',
        timezone: undefined,
        condition: undefined,
      })
    })

    it.each([
      ['-3d', -3],
      ['+7d', 7],
      ['7d', 7],
      ['0d', 0],
      ['-0d', 0],
      ['+3650d', 3650],
      ['-3650d', -3650],
    ])('reads the offset %s as %i days', (offset, days) => {
      expect(spec.date({ attribute: 'signed_up_at', offset, at: '09:00' }).offsetDays).toBe(days)
    })

    it('reads a missing offset as the date itself', () => {
      expect(spec.date({ attribute: 'birthday', at: '09:00' }).offsetDays).toBe(0)
    })

    it('declares a yearly repeat, a fallback timezone and a condition', () => {
      expect(spec.date({ attribute: 'birthday', at: '08:30', repeat: 'yearly', timezone: 'Asia/Shanghai', condition: PREMIUM })).toEqual({
        attribute: 'birthday',
        offsetDays: 0,
        at: '08:30',
        repeat: 'yearly',
        timezone: 'Asia/Shanghai',
        condition: PREMIUM,
      })
    })

    it('fills in repeat once and offset 0d when the config is validated without them', () => {
      const config: Record<string, unknown> = { attribute: 'birthday', at: '09:00' }
      expect(validateAgainstSchema(triggerDate.config, config)).toEqual([])
      expect(config).toMatchObject({ repeat: 'once', offset: '0d' })
    })
  })

  describe('config', () => {
    it.each([
      [{ attribute: 'birthday', at: '09:00', repeat: 'yearly' }],
      [{ attribute: 'subscription_end', offset: '-3d', at: '09:00', repeat: 'once', timezone: 'Europe/Berlin' }],
      [{ attribute: 'profile.birthday', offset: '+1d', at: '23:59', condition: PREMIUM }],
      [{ attribute: 'signed_up_at', offset: '3650d', at: '00:00' }],
    ])('accepts %j', async (config) => {
      await expect(runNode(triggerDate, { config })).resolves.toMatchObject({ result: { kind: 'port', port: 'next' } })
    })

    it.each([
      [{ at: '09:00' }, 'config.attribute is required'],
      [{ attribute: '', at: '09:00' }, 'config.attribute must NOT have fewer than 1 characters'],
      [{ attribute: 'birthday' }, 'config.at is required'],
      [{ attribute: 'birthday', at: '24:00' }, 'config.at must match format "kairos-time-of-day"'],
      [{ attribute: 'birthday', at: '9am' }, 'config.at must match format "kairos-time-of-day"'],
      [{ attribute: 'birthday', at: '09:00', offset: '-3 days' }, 'config.offset must match pattern'],
      [{ attribute: 'birthday', at: '09:00', offset: '1w' }, 'config.offset must match pattern'],
      [{ attribute: 'birthday', at: '09:00', offset: '-3' }, 'config.offset must match pattern'],
      [{ attribute: 'birthday', at: '09:00', offset: '-4000d' }, 'config.offset must be whole days, at most 3650 either way (e.g. -3d, 0d, +7d)'],
      [{ attribute: 'birthday', at: '09:00', offset: '3651d' }, 'config.offset must be whole days, at most 3650 either way'],
      [{ attribute: 'birthday', at: '09:00', repeat: 'monthly' }, 'config.repeat'],
      [{ attribute: 'birthday', at: '09:00', timezone: 'Mars/Olympus' }, 'config.timezone "Mars/Olympus" is not a known IANA timezone'],
      [{ attribute: 'birthday', at: '09:00', timezone: '' }, 'config.timezone must NOT have fewer than 1 characters'],
      [{ attribute: 'birthday', at: '09:00', condition: { attribute: 'tier', value: 'premium' } }, 'config.condition.op is required'],
      [{ attribute: 'birthday', at: '09:00', every: 'year' }, 'config.every is not a known field'],
    ])('refuses %j', async (config, message) => {
      await expect(refused(config)).rejects.toThrow('config refused: ')
      await expect(refused(config)).rejects.toThrow(message)
    })
  })
})
