import { describe, expect, it } from 'vitest'
import { isDuration, parseDuration } from '../src/duration.ts'

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['3d', 259_200_000],
    ['2w', 1_209_600_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['1d12h', 129_600_000],
    ['3650d', 315_360_000_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it('throws on text that is not a duration, quoting it', () => {
    expect(() => parseDuration('soon')).toThrow('"soon" is not a duration')
  })
})

describe('isDuration', () => {
  it.each(['30s', '1h30m', '2w', '100ms'])('accepts %s', (text) => {
    expect(isDuration(text)).toBe(true)
  })

  it.each(['', 'soon', '30', 'm5', '1.5h', '3 d', '3D', '-1d', '1y', '0s', '3651d', '99999999999d'])('refuses %j', (text) => {
    expect(isDuration(text)).toBe(false)
  })

  it('refuses anything that is not a string', () => {
    expect(isDuration(30)).toBe(false)
    expect(isDuration(null)).toBe(false)
  })
})
