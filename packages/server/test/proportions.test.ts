import { describe, expect, it } from 'vitest'
import { compareArms, normalCdf, twoProportionPValue, wilsonInterval } from '../src/reports/proportions.ts'

describe('split statistics', () => {
  it('computes the normal distribution function to well within what a p-value needs', () => {
    // Reference values of Φ (R's pnorm).
    for (const [x, phi] of [[0.3, 0.6179114221889527], [1, 0.8413447460685429], [1.959963984540054, 0.975], [3, 0.9986501019683699], [-2.5, 0.006209665325776132]])
      expect(normalCdf(x)).toBeCloseTo(phi, 6)
  })

  it('gives the Wilson interval, inside [0, 1] even with no conversions', () => {
    const interval = wilsonInterval(81, 263)!
    expect(interval.low).toBeCloseTo(0.2553, 4)
    expect(interval.high).toBeCloseTo(0.3662, 4)
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) })
    expect(wilsonInterval(10, 10)!.high).toBe(1)
    expect(wilsonInterval(0, 0)).toBeNull()
  })

  it('tests two rates with the pooled z-test', () => {
    // z = 0.03 / sqrt(0.115 · 0.885 · (2 / 1000)) = 2.1028
    expect(twoProportionPValue({ contacts: 1000, converted: 130 }, { contacts: 1000, converted: 100 })).toBeCloseTo(0.03548, 4)
    expect(twoProportionPValue({ contacts: 50, converted: 0 }, { contacts: 60, converted: 0 })).toBe(1)
    expect(twoProportionPValue({ contacts: 0, converted: 0 }, { contacts: 60, converted: 3 })).toBeNull()
  })

  it('shares the 5% level among the arms compared with the reference', () => {
    const two = compareArms([{ arm: 'a', contacts: 1000, converted: 100 }, { arm: 'b', contacts: 1000, converted: 130 }], 'a')
    expect(two[1]).toMatchObject({ difference: expect.closeTo(0.03, 9), significant: true })
    expect(two[0]).toMatchObject({ difference: null, pValue: null, significant: false })
    // The same difference among three compared arms needs p < 0.025: 0.035 is no longer enough.
    const four = compareArms(
      [{ arm: 'a', contacts: 1000, converted: 100 }, { arm: 'b', contacts: 1000, converted: 130 }, { arm: 'c', contacts: 1000, converted: 101 }, { arm: 'd', contacts: 1000, converted: 99 }],
      'a',
    )
    expect(four[1].significant).toBe(false)
    // An arm nobody entered is not a comparison.
    const empty = compareArms([{ arm: 'a', contacts: 1000, converted: 100 }, { arm: 'b', contacts: 1000, converted: 130 }, { arm: 'c', contacts: 0, converted: 0 }], 'a')
    expect(empty[1].significant).toBe(true)
    expect(empty[2]).toMatchObject({ conversionRate: null, interval: null, pValue: null })
  })
})
