import { describe, expect, it } from 'vitest'
import { bucketOf, pickArm } from '../src/pick-arm.ts'

const arms = [{ port: 'a', weight: 70 }, { port: 'b', weight: 20 }, { port: 'c', weight: 10 }]

describe('pickArm', () => {
  it.each([
    [0, 'a'],
    [0.6999, 'a'],
    [0.7, 'b'],
    [0.8999, 'b'],
    [0.9, 'c'],
    [0.999999999, 'c'],
  ])('puts bucket %d in arm %s', (bucket, port) => {
    expect(pickArm(bucket, arms)).toBe(port)
  })

  it('never falls off the end through rounding', () => {
    expect(pickArm(1 - Number.EPSILON, [{ port: 'x', weight: 0.1 }, { port: 'y', weight: 0.2 }])).toBe('y')
  })
})

describe('bucketOf', () => {
  it('is the same for the same key and in [0, 1)', () => {
    expect(bucketOf('flow:node:contact')).toBe(bucketOf('flow:node:contact'))
    for (let i = 0; i < 1000; i++) {
      const bucket = bucketOf(`key-${i}`)
      expect(bucket).toBeGreaterThanOrEqual(0)
      expect(bucket).toBeLessThan(1)
    }
  })

  it('spreads keys evenly over ten deciles', () => {
    const deciles = new Array(10).fill(0)
    for (let i = 0; i < 10_000; i++) deciles[Math.floor(bucketOf(`contact-${i}`) * 10)] += 1
    for (const count of deciles) expect(Math.abs(count - 1000)).toBeLessThan(120)
  })
})
