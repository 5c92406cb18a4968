import { describe, expect, it } from 'vitest'
import { ManualClock, runNode } from '@kairos/sdk/testing'
import waitUntil from '../src/index.ts'

// 2026-01-05 is a Monday. Shanghai is UTC+8 all year; Berlin and New York change in March.
const shanghai = { attributes: { timezone: 'Asia/Shanghai' } }
const clockAt = (iso: string) => new ManualClock(iso)

describe('wait.until a time of day', () => {
  it('waits until 14:00 later today in the contact’s timezone', async () => {
    const { result } = await runNode(waitUntil, { config: { at: '14:00' }, contact: shanghai, clock: clockAt('2026-01-05T03:00:00Z') })
    expect(result).toEqual({
      kind: 'wait',
      until: new Date('2026-01-05T06:00:00Z'),
      port: 'next',
      output: { target: '2026-01-05T06:00:00.000Z', timezone: 'Asia/Shanghai' },
    })
  })

  it('waits until tomorrow when today’s 14:00 has passed', async () => {
    const { result } = await runNode(waitUntil, { config: { at: '14:00' }, contact: shanghai, clock: clockAt('2026-01-05T07:00:00Z') })
    expect(result).toMatchObject({ kind: 'wait', until: new Date('2026-01-06T06:00:00Z'), port: 'next' })
  })

  it('goes on at once when it is exactly that minute', async () => {
    for (const now of ['2026-01-05T06:00:00Z', '2026-01-05T06:00:59.999Z']) {
      const { result } = await runNode(waitUntil, { config: { at: '14:00' }, contact: shanghai, clock: clockAt(now) })
      expect(result).toEqual({ kind: 'port', port: 'next', output: { target: '2026-01-05T06:00:00.000Z', timezone: 'Asia/Shanghai' } })
    }
  })

  it('waits a day once the minute is over', async () => {
    const { result } = await runNode(waitUntil, { config: { at: '14:00' }, contact: shanghai, clock: clockAt('2026-01-05T06:01:00Z') })
    expect(result).toMatchObject({ kind: 'wait', until: new Date('2026-01-06T06:00:00Z') })
  })

  it('waits for the next of the given weekdays', async () => {
    const clock = clockAt('2026-01-05T03:00:00Z')
    const weekend = await runNode(waitUntil, { config: { at: '10:00', days: ['sat', 'sun'] }, contact: shanghai, clock })
    expect(weekend.result).toMatchObject({ kind: 'wait', until: new Date('2026-01-10T02:00:00Z') })
    const today = await runNode(waitUntil, { config: { at: '14:00', days: ['mon', 'thu'] }, contact: shanghai, clock })
    expect(today.result).toMatchObject({ kind: 'wait', until: new Date('2026-01-05T06:00:00Z') })
  })

  it('waits a whole week when only today is allowed and today’s time has passed', async () => {
    const { result } = await runNode(waitUntil, {
      config: { at: '09:00', days: ['mon'] },
      contact: shanghai,
      clock: clockAt('2026-01-05T03:00:00Z'),
    })
    expect(result).toMatchObject({ kind: 'wait', until: new Date('2026-01-12T01:00:00Z') })
  })

  it('reads the weekday in the contact’s zone, not in UTC', async () => {
    // Sunday 22:00 in New York is already Monday in UTC; the next Monday 09:00 there is 11 hours away.
    const { result } = await runNode(waitUntil, {
      config: { at: '09:00', days: ['mon'] },
      contact: { attributes: { timezone: 'America/New_York' } },
      clock: clockAt('2026-01-05T03:00:00Z'),
    })
    expect(result).toMatchObject({ kind: 'wait', until: new Date('2026-01-05T14:00:00Z') })
  })

  describe('which timezone', () => {
    const clock = clockAt('2026-01-05T03:00:00Z')

    it('uses the flow’s timezone when the contact has none', async () => {
      const { result } = await runNode(waitUntil, { config: { at: '14:00' }, timezone: 'Europe/Berlin', clock })
      expect(result).toMatchObject({ until: new Date('2026-01-05T13:00:00Z'), output: { timezone: 'Europe/Berlin' } })
    })

    it('prefers the contact’s timezone to the flow’s', async () => {
      const { result } = await runNode(waitUntil, { config: { at: '14:00' }, contact: shanghai, timezone: 'Europe/Berlin', clock })
      expect(result).toMatchObject({ until: new Date('2026-01-05T06:00:00Z'), output: { timezone: 'Asia/Shanghai' } })
    })

    it('falls back to the flow’s timezone when the contact’s is not a real zone', async () => {
      for (const timezone of ['Mars/Olympus', '', 8, null]) {
        const { result } = await runNode(waitUntil, { config: { at: '14:00' }, contact: { attributes: { timezone } }, timezone: 'Europe/Berlin', clock })
        expect(result).toMatchObject({ output: { timezone: 'Europe/Berlin' } })
      }
    })

    it('lets the node’s own timezone override both', async () => {
      const { result } = await runNode(waitUntil, {
        config: { at: '14:00', timezone: 'America/New_York' },
        contact: shanghai,
        timezone: 'Europe/Berlin',
        clock,
      })
      expect(result).toMatchObject({ until: new Date('2026-01-05T19:00:00Z'), output: { timezone: 'America/New_York' } })
    })
  })

  describe('across DST changes', () => {
    it('keeps 09:00 local in New York across the night clocks spring forward (2026-03-08)', async () => {
      const contact = { attributes: { timezone: 'America/New_York' } }
      const before = await runNode(waitUntil, { config: { at: '09:00' }, contact, clock: clockAt('2026-03-07T15:00:00Z') })
      expect(before.result).toMatchObject({ until: new Date('2026-03-08T13:00:00Z') })
      const after = await runNode(waitUntil, { config: { at: '09:00' }, contact, clock: clockAt('2026-03-08T14:00:00Z') })
      expect(after.result).toMatchObject({ until: new Date('2026-03-09T13:00:00Z') })
    })

    it('moves 02:30 on the night Berlin springs forward to 03:00, the end of the gap', async () => {
      const { result } = await runNode(waitUntil, {
        config: { at: '02:30' },
        timezone: 'Europe/Berlin',
        clock: clockAt('2026-03-28T12:00:00Z'),
      })
      expect(result).toMatchObject({ until: new Date('2026-03-29T01:00:00Z') })
    })

    it('waits for the first 02:30 on the night Berlin falls back, and the run after it waits a day', async () => {
      const config = { at: '02:30' }
      const first = await runNode(waitUntil, { config, timezone: 'Europe/Berlin', clock: clockAt('2026-10-24T12:00:00Z') })
      expect(first.result).toMatchObject({ until: new Date('2026-10-25T00:30:00Z') })
      // 02:45 summer time: the repeated 02:30 winter time is the same local day, so not again.
      const later = await runNode(waitUntil, { config, timezone: 'Europe/Berlin', clock: clockAt('2026-10-25T00:45:00Z') })
      expect(later.result).toMatchObject({ until: new Date('2026-10-26T01:30:00Z') })
    })

    it('keeps 14:00 local in Berlin from winter into summer time', async () => {
      const clock = clockAt('2026-03-28T14:00:00Z') // Saturday 15:00 CET
      const { result } = await runNode(waitUntil, { config: { at: '14:00' }, timezone: 'Europe/Berlin', clock })
      expect(result).toMatchObject({ until: new Date('2026-03-29T12:00:00Z') }) // Sunday 14:00 CEST
    })
  })

  it('waits the day out as the clock moves: each run asks again and gets the next one', async () => {
    const clock = clockAt('2026-01-05T00:00:00Z')
    const wakes: string[] = []
    for (let i = 0; i < 3; i++) {
      const { result } = await runNode(waitUntil, { config: { at: '09:00', days: ['mon', 'wed'] }, contact: shanghai, clock })
      if (result.kind !== 'wait') throw new Error(`expected a wait, got ${result.kind}`)
      wakes.push(result.until!.toISOString())
      clock.set(new Date(result.until!.getTime() + 60_000))
    }
    expect(wakes).toEqual(['2026-01-05T01:00:00.000Z', '2026-01-07T01:00:00.000Z', '2026-01-12T01:00:00.000Z'])
  })
})
