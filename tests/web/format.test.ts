// The editor's numbers and lengths of time read per locale: compact counts the locale's way
// (12.5K, 1.25万), durations with the locale's unit words (秒, 分钟, 小时, 天), never English
// letters built by hand; and "today" for a date input is this machine's day, not UTC's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countIn, durationIn, localDate } from '../../web/src/lib/number-format.ts'

describe('counts', () => {
  it('group digits, and shorten large counts the English way', () => {
    expect(countIn('en', 1234)).toBe('1,234')
    expect(countIn('en', 9999, true)).toBe('9,999')
    expect(countIn('en', 12_500, true)).toBe('12.5K')
    expect(countIn('en', 123_456, true)).toBe('123K')
    expect(countIn('en', 1_234_567, true)).toBe('1.23M')
  })

  it('shorten by 万 in Chinese', () => {
    expect(countIn('zh-CN', 12_500, true)).toBe('1.25万')
    expect(countIn('zh-CN', 123_456, true)).toBe('12.3万')
    expect(countIn('zh-CN', 1234)).toBe('1,234')
  })
})

describe('durations', () => {
  it('name their units in Chinese', () => {
    expect(durationIn('zh-CN', 500)).toBe('500毫秒')
    expect(durationIn('zh-CN', 1200)).toBe('1.2秒')
    expect(durationIn('zh-CN', 30 * 60_000)).toBe('30分钟')
    expect(durationIn('zh-CN', 90 * 60_000)).toBe('1.5小时')
    expect(durationIn('zh-CN', 2.5 * 86_400_000)).toBe('2.5天')
  })

  it('and in English', () => {
    expect(durationIn('en', 500)).toBe('500 ms')
    expect(durationIn('en', 1200)).toBe('1.2 sec')
    expect(durationIn('en', 30 * 60_000)).toBe('30 min')
    expect(durationIn('en', 86_400_000)).toBe('1 day')
  })
})

describe('localDate', () => {
  const zone = process.env.TZ
  beforeAll(() => {
    process.env.TZ = 'Asia/Shanghai'
  })
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ
    else process.env.TZ = zone
  })

  it("is the day in this machine's time: 07:30 in Shanghai is still the 1st in UTC", () => {
    const shanghaiMorning = new Date('2026-03-01T23:30:00Z')
    expect(shanghaiMorning.toISOString().slice(0, 10)).toBe('2026-03-01')
    expect(localDate(shanghaiMorning)).toBe('2026-03-02')
  })
})
