import { describe, expect, it } from 'vitest'
import { ManualClock, runNode } from '@kairos/sdk/testing'
import waitUntil from '../src/index.ts'

const renewal = { at: '09:00', date: { attribute: 'subscription_end', offset: '-1d' } }
const member = (subscription_end: unknown, timezone = 'Asia/Shanghai') => ({ attributes: { subscription_end, timezone } })
const clockAt = (iso: string) => new ManualClock(iso)

describe('wait.until a date attribute', () => {
  it('waits until 09:00 local one day before subscription_end', async () => {
    const { result } = await runNode(waitUntil, {
      config: renewal,
      contact: member('2026-06-30'),
      clock: clockAt('2026-06-27T01:00:00Z'),
    })
    expect(result).toEqual({
      kind: 'wait',
      until: new Date('2026-06-29T01:00:00Z'),
      port: 'next',
      output: { target: '2026-06-29T01:00:00.000Z', timezone: 'Asia/Shanghai' },
    })
  })

  it('computes the same local date for a contact in another zone, at their 09:00', async () => {
    const { result } = await runNode(waitUntil, {
      config: renewal,
      contact: member('2026-06-30', 'America/New_York'),
      clock: clockAt('2026-06-27T01:00:00Z'),
    })
    expect(result).toMatchObject({ until: new Date('2026-06-29T13:00:00Z') })
  })

  it('dates a date-time attribute in the contact’s zone before moving it', async () => {
    // 20:00 UTC on 30 June is already 1 July in Shanghai, still 30 June in New York.
    const instant = '2026-06-30T20:00:00Z'
    const inShanghai = await runNode(waitUntil, { config: renewal, contact: member(instant), clock: clockAt('2026-06-27T00:00:00Z') })
    expect(inShanghai.result).toMatchObject({ until: new Date('2026-06-30T01:00:00Z') })
    const inNewYork = await runNode(waitUntil, {
      config: renewal,
      contact: member(instant, 'America/New_York'),
      clock: clockAt('2026-06-27T00:00:00Z'),
    })
    expect(inNewYork.result).toMatchObject({ until: new Date('2026-06-29T13:00:00Z') })
  })

  it('takes a date-time without a zone at its own date', async () => {
    const { result } = await runNode(waitUntil, {
      config: renewal,
      contact: member('2026-06-30T23:30:00'),
      clock: clockAt('2026-06-27T00:00:00Z'),
    })
    expect(result).toMatchObject({ until: new Date('2026-06-29T01:00:00Z') })
  })

  it.each([
    ['-3d', '2026-06-27T01:00:00Z'],
    ['0d', '2026-06-30T01:00:00Z'],
    ['+1d', '2026-07-01T01:00:00Z'],
    ['2d', '2026-07-02T01:00:00Z'],
  ])('moves the date by %s', async (offset, until) => {
    const { result } = await runNode(waitUntil, {
      config: { at: '09:00', date: { attribute: 'subscription_end', offset } },
      contact: member('2026-06-30'),
      clock: clockAt('2026-06-01T00:00:00Z'),
    })
    expect(result).toMatchObject({ kind: 'wait', until: new Date(until) })
  })

  it('uses the date itself when no offset is given', async () => {
    const { result } = await runNode(waitUntil, {
      config: { at: '14:00', date: { attribute: 'birthday' } },
      contact: { attributes: { birthday: '2026-08-08', timezone: 'Asia/Shanghai' } },
      clock: clockAt('2026-06-01T00:00:00Z'),
    })
    expect(result).toMatchObject({ until: new Date('2026-08-08T06:00:00Z') })
  })

  it('reads a nested attribute path', async () => {
    const { result } = await runNode(waitUntil, {
      config: { at: '09:00', date: { attribute: 'plan.ends' } },
      contact: { attributes: { plan: { ends: '2026-06-30' }, timezone: 'Asia/Shanghai' } },
      clock: clockAt('2026-06-01T00:00:00Z'),
    })
    expect(result).toMatchObject({ until: new Date('2026-06-30T01:00:00Z') })
  })

  it('moves whole calendar days across a DST change (Berlin, 29 March 2026)', async () => {
    const { result } = await runNode(waitUntil, {
      config: { at: '09:00', date: { attribute: 'subscription_end', offset: '-1d' } },
      contact: member('2026-03-30', 'Europe/Berlin'),
      clock: clockAt('2026-03-20T00:00:00Z'),
    })
    expect(result).toMatchObject({ until: new Date('2026-03-29T07:00:00Z') }) // 09:00 CEST, 23 hours after 09:00 CET the day before
  })

  it('moves a target in the spring-forward gap to its end', async () => {
    const { result } = await runNode(waitUntil, {
      config: { at: '02:30', date: { attribute: 'subscription_end', offset: '-1d' } },
      contact: member('2026-03-30', 'Europe/Berlin'),
      clock: clockAt('2026-03-20T00:00:00Z'),
    })
    expect(result).toMatchObject({ until: new Date('2026-03-29T01:00:00Z') })
  })

  it('goes on at once when it is the target minute', async () => {
    const { result } = await runNode(waitUntil, {
      config: { ...renewal, late: 'late' },
      contact: member('2026-06-30'),
      clock: clockAt('2026-06-29T01:00:30Z'),
    })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { target: '2026-06-29T01:00:00.000Z', timezone: 'Asia/Shanghai' } })
  })

  describe('when the target is already past', () => {
    const clock = clockAt('2026-06-29T05:00:00Z') // 13:00 in Shanghai, four hours late

    it('goes on through next at once by default, saying it was late', async () => {
      const { result } = await runNode(waitUntil, { config: renewal, contact: member('2026-06-30'), clock })
      expect(result).toEqual({
        kind: 'port',
        port: 'next',
        output: { late: true, target: '2026-06-29T01:00:00.000Z', timezone: 'Asia/Shanghai' },
      })
    })

    it('goes through late when configured so', async () => {
      const { result } = await runNode(waitUntil, { config: { ...renewal, late: 'late' }, contact: member('2026-06-30'), clock })
      expect(result).toEqual({
        kind: 'port',
        port: 'late',
        output: { late: true, target: '2026-06-29T01:00:00.000Z', timezone: 'Asia/Shanghai' },
      })
    })

    it('is late a minute after the target', async () => {
      const { result } = await runNode(waitUntil, {
        config: { ...renewal, late: 'late' },
        contact: member('2026-06-30'),
        clock: clockAt('2026-06-29T01:01:00Z'),
      })
      expect(result).toMatchObject({ port: 'late' })
    })

    it('is late for a date years ago', async () => {
      const { result } = await runNode(waitUntil, { config: { ...renewal, late: 'late' }, contact: member('2020-01-01'), clock })
      expect(result).toMatchObject({ port: 'late', output: { target: '2019-12-31T01:00:00.000Z' } })
    })
  })

  describe('when the attribute is not a date', () => {
    const clock = clockAt('2026-06-01T00:00:00Z')

    it.each([
      [undefined, 'contact has no subscription_end'],
      [null, 'contact has no subscription_end'],
      ['', 'contact has no subscription_end'],
      ['next tuesday', 'subscription_end is not a date: "next tuesday"'],
      ['2026-02-30', 'subscription_end is not a date: "2026-02-30"'],
      [20260630, 'subscription_end is not a date: 20260630'],
    ])('%j goes on through next with the reason', async (value, reason) => {
      const { result } = await runNode(waitUntil, { config: renewal, contact: member(value), clock })
      expect(result).toEqual({ kind: 'port', port: 'next', output: { reason, timezone: 'Asia/Shanghai' } })
    })

    it('goes through late when the node has that port', async () => {
      const { result } = await runNode(waitUntil, { config: { ...renewal, late: 'late' }, contact: { attributes: {} }, clock })
      expect(result).toEqual({ kind: 'port', port: 'late', output: { reason: 'contact has no subscription_end', timezone: 'UTC' } })
    })
  })
})
