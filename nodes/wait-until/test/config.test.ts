import { describe, expect, it } from 'vitest'
import { portsOf } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import waitUntil from '../src/index.ts'

const refused = (config: unknown) => runNode(waitUntil, { config })

describe('wait.until config', () => {
  it('is a wait node of type wait.until, version 1', () => {
    expect(waitUntil).toMatchObject({ type: 'wait.until', version: 1, category: 'wait' })
  })

  it('has a next port, and a late port only when late is "late"', () => {
    expect(portsOf(waitUntil, { at: '09:00', late: 'continue' })).toEqual(['next'])
    expect(portsOf(waitUntil, { at: '09:00', date: { attribute: 'x' }, late: 'late' })).toEqual(['next', 'late'])
  })

  it('defaults late to continue', async () => {
    const { result } = await runNode(waitUntil, {
      config: { at: '09:00', date: { attribute: 'ends' } },
      contact: { attributes: { ends: '2020-01-01' } },
    })
    expect(result).toMatchObject({ port: 'next', output: { late: true } })
  })

  it.each([
    [{}, 'config.at is required'],
    [{ at: '25:00' }, 'config.at must match format "kairos-time-of-day"'],
    [{ at: '9:00' }, 'config.at must match format "kairos-time-of-day"'],
    [{ at: '09:00', days: ['monday'] }, 'config.days[0]'],
    [{ at: '09:00', days: ['mon', 'mon'] }, 'config.days must NOT have duplicate items'],
    [{ at: '09:00', date: { attribute: 'ends', offset: '-3 days' } }, 'config.date.offset must match pattern'],
    [{ at: '09:00', date: { attribute: 'ends', offset: '1w' } }, 'config.date.offset must match pattern'],
    [{ at: '09:00', date: { attribute: 'ends', offset: '-4000d' } }, 'config.date.offset must be whole days, at most 3650'],
    [{ at: '09:00', date: { attribute: '' } }, 'config.date.attribute must NOT have fewer than 1 characters'],
    [{ at: '09:00', date: { offset: '-1d' } }, 'config.date.attribute is required'],
    [{ at: '09:00', timezone: 'Mars/Olympus' }, 'config.timezone "Mars/Olympus" is not a known IANA timezone'],
    [{ at: '09:00', late: 'skip' }, 'config.late'],
    [{ at: '09:00', late: 'late' }, 'config.late a late port needs a date'],
    [{ at: '09:00', days: ['mon'], date: { attribute: 'ends' } }, 'config.days days apply only without a date'],
    [{ at: '09:00', when: 'soon' }, 'config.when is not a known field'],
  ])('refuses %j', async (config, message) => {
    await expect(refused(config)).rejects.toThrow(message)
  })

  it('accepts an empty list of days as every day', async () => {
    // The harness clock starts on Monday 2026-01-05 at 08:00 UTC.
    const { result } = await runNode(waitUntil, { config: { at: '09:00', days: [] } })
    expect(result).toMatchObject({ kind: 'wait', until: new Date('2026-01-05T09:00:00Z') })
  })
})
