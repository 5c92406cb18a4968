import { describe, expect, it } from 'vitest'
import { portsOf } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import split from '../src/index.ts'
import { portOf, runSplitIn } from './support.ts'

const fiftyFifty = { arms: [{ port: 'a', weight: 50 }, { port: 'b', weight: 50 }] }
const seventyTwentyTen = { arms: [{ port: 'a', weight: 70 }, { port: 'b', weight: 20 }, { port: 'c', weight: 10 }] }
const CONTACTS = 10_000

/** Shares of `CONTACTS` simulated contacts per port, through the harness. */
async function shares(config: unknown): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (let i = 0; i < CONTACTS; i++) {
    const { result } = await runNode(split, { config, contact: { id: `contact-${i}` } })
    const port = portOf(result)
    counts[port] = (counts[port] ?? 0) + 1
  }
  return Object.fromEntries(Object.entries(counts).map(([port, count]) => [port, count / CONTACTS]))
}

describe('split', () => {
  it('is a logic node of type split, version 1', () => {
    expect(split).toMatchObject({ type: 'split', version: 1, category: 'logic' })
  })

  it('goes through one arm and records it on the run and the step', async () => {
    const { result, world } = await runNode(split, { config: fiftyFifty, contact: { id: 'c-42' } })
    const port = portOf(result)
    expect(['a', 'b']).toContain(port)
    expect(result).toEqual({ kind: 'port', port, output: { arm: port } })
    expect(world.runVars).toEqual({ 'split.node': port })
  })

  it(`divides ${CONTACTS} contacts 50/50 within 2 points`, async () => {
    const got = await shares(fiftyFifty)
    expect(Object.keys(got).sort()).toEqual(['a', 'b'])
    expect(got.a).toBeCloseTo(0.5, 1)
    expect(Math.abs(got.a - 0.5)).toBeLessThan(0.02)
    expect(Math.abs(got.b - 0.5)).toBeLessThan(0.02)
  })

  it(`divides ${CONTACTS} contacts 70/20/10 within 2 points`, async () => {
    const got = await shares(seventyTwentyTen)
    expect(Math.abs(got.a - 0.7)).toBeLessThan(0.02)
    expect(Math.abs(got.b - 0.2)).toBeLessThan(0.02)
    expect(Math.abs(got.c - 0.1)).toBeLessThan(0.02)
  })

  it('holds out the holdout share, weighed with the arms', async () => {
    const got = await shares({ ...fiftyFifty, holdout: { weight: 25 } }) // 40 / 40 / 20
    expect(Math.abs(got.a - 0.4)).toBeLessThan(0.02)
    expect(Math.abs(got.b - 0.4)).toBeLessThan(0.02)
    expect(Math.abs(got.holdout - 0.2)).toBeLessThan(0.02)
  })

  it('divides the largest weights allowed (10,000 each) as evenly as any others', async () => {
    const got = await shares({ arms: [{ port: 'a', weight: 10_000 }, { port: 'b', weight: 10_000 }] })
    expect(Math.abs(got.a - 0.5)).toBeLessThan(0.02)
    expect(Math.abs(got.b - 0.5)).toBeLessThan(0.02)
  })

  it('takes weights relative to each other, not as percentages', async () => {
    const got = await shares({ arms: [{ port: 'small', weight: 1 }, { port: 'large', weight: 3 }] })
    expect(Math.abs(got.small - 0.25)).toBeLessThan(0.02)
  })

  it('sends the same contact through the same arm every time', async () => {
    for (let i = 0; i < 50; i++) {
      const contact = { id: `contact-${i}` }
      const first = portOf((await runNode(split, { config: seventyTwentyTen, contact })).result)
      for (let again = 0; again < 3; again++)
        expect(portOf((await runNode(split, { config: seventyTwentyTen, contact, stepKey: `run:other:${again}` })).result)).toBe(first)
    }
  })

  it('divides independently in different flows', async () => {
    let both = 0
    let same = 0
    for (let i = 0; i < CONTACTS; i++) {
      const contactId = `contact-${i}`
      const inA = portOf((await runSplitIn(fiftyFifty, { flowId: 'flow-a', nodeId: 'ab', contactId })).result)
      const inB = portOf((await runSplitIn(fiftyFifty, { flowId: 'flow-b', nodeId: 'ab', contactId })).result)
      if (inA === 'a' && inB === 'a') both += 1
      if (inA === inB) same += 1
    }
    // Independent 50/50 splits agree half the time and put a quarter of contacts in "a" twice.
    expect(Math.abs(both / CONTACTS - 0.25)).toBeLessThan(0.02)
    expect(Math.abs(same / CONTACTS - 0.5)).toBeLessThan(0.02)
  })

  it('divides independently at two split nodes of the same flow', async () => {
    let same = 0
    for (let i = 0; i < CONTACTS; i++) {
      const contactId = `contact-${i}`
      const first = portOf((await runSplitIn(fiftyFifty, { flowId: 'flow-a', nodeId: 'subject-test', contactId })).result)
      const second = portOf((await runSplitIn(fiftyFifty, { flowId: 'flow-a', nodeId: 'send-time-test', contactId })).result)
      if (first === second) same += 1
    }
    expect(Math.abs(same / CONTACTS - 0.5)).toBeLessThan(0.02)
  })

  it('records the arm under the node’s own id', async () => {
    const { result, world } = await runSplitIn(fiftyFifty, { flowId: 'flow-a', nodeId: 'subject-test', contactId: 'c-1' })
    expect(world.runVars).toEqual({ 'split.subject-test': portOf(result) })
  })

  it('computes its ports from the arms, the holdout last', () => {
    expect(portsOf(split, seventyTwentyTen)).toEqual(['a', 'b', 'c'])
    expect(portsOf(split, { ...fiftyFifty, holdout: { weight: 10 } })).toEqual(['a', 'b', 'holdout'])
  })

  describe('config', () => {
    it.each([
      [{ arms: [{ port: 'a', weight: 1 }] }, 'config.arms must NOT have fewer than 2 items'],
      [{ arms: [] }, 'config.arms must NOT have fewer than 2 items'],
      [{}, 'config.arms is required'],
      [{ arms: [{ port: 'a', weight: 0 }, { port: 'b', weight: 1 }] }, 'config.arms[0].weight must be > 0'],
      [{ arms: [{ port: 'a', weight: 1 }, { port: 'b', weight: -5 }] }, 'config.arms[1].weight must be > 0'],
      [{ arms: [{ port: 'a', weight: '50' }, { port: 'b', weight: 50 }] }, 'config.arms[0].weight must be number'],
      [{ arms: [{ port: 'a', weight: 1 }, { port: 'a', weight: 1 }] }, 'config.arms[1].port port "a" is used twice'],
      [{ arms: [{ port: 'a', weight: 1 }, { port: 'holdout', weight: 1 }] }, 'config.arms[1].port port "holdout" is reserved'],
      [{ arms: [{ port: 'arm a', weight: 1 }, { port: 'b', weight: 1 }] }, 'config.arms[0].port must match pattern'],
      [{ arms: [{ port: 'a', weight: 1 }, { port: 'b' }] }, 'config.arms[1].weight is required'],
      // Issue 12: 1e308 + 1e308 is Infinity, and every contact went down the last arm.
      [{ arms: [{ port: 'a', weight: 1e308 }, { port: 'b', weight: 1e308 }] }, 'config.arms[0].weight must be <= 10000; config.arms[1].weight must be <= 10000'],
      [{ arms: [{ port: 'a', weight: 1 }, { port: 'b', weight: 10_001 }] }, 'config.arms[1].weight must be <= 10000'],
      [{ ...fiftyFifty, holdout: { weight: 1e300 } }, 'config.holdout.weight must be <= 10000'],
      [{ ...fiftyFifty, holdout: { weight: 0 } }, 'config.holdout.weight must be > 0'],
      [{ ...fiftyFifty, holdout: {} }, 'config.holdout.weight is required'],
      [{ ...fiftyFifty, seed: 'x' }, 'config.seed is not a known field'],
    ])('refuses %j', async (config, message) => {
      await expect(runNode(split, { config })).rejects.toThrow(message)
    })
  })
})

describe('split ports on a draft config', () => {
  it('lists what it can from a half-filled config instead of throwing', () => {
    expect(portsOf(split, {})).toEqual([])
    expect(portsOf(split, { holdout: { weight: 5 } })).toEqual(['holdout'])
  })
})
