import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import { portsOf } from '@kairos/sdk'
import branch from '../src/index.ts'

const tiers = {
  branches: [
    { port: 'gold', when: { attribute: 'spend', op: 'gte', value: 1000 } },
    { port: 'silver', when: { attribute: 'spend', op: 'gte', value: 100 } },
  ],
  otherwise: 'bronze',
}

describe('branch', () => {
  it('takes the first branch whose condition holds', async () => {
    const { result } = await runNode(branch, { config: tiers, contact: { attributes: { spend: 5000 } } })
    expect(result).toEqual({ kind: 'port', port: 'gold', output: { matched: 0 } })
  })

  it('checks branches in order and takes a later one when earlier ones fail', async () => {
    const { result } = await runNode(branch, { config: tiers, contact: { attributes: { spend: 150 } } })
    expect(result).toEqual({ kind: 'port', port: 'silver', output: { matched: 1 } })
  })

  it('takes otherwise when no branch holds', async () => {
    const { result } = await runNode(branch, { config: tiers, contact: { attributes: { spend: 10 } } })
    expect(result).toEqual({ kind: 'port', port: 'bronze', output: { matched: null } })
  })

  it('branches on a tag', async () => {
    const config = { branches: [{ port: 'vip', when: { tag: 'vip' } }], otherwise: 'rest' }
    expect((await runNode(branch, { config, contact: { tags: ['vip'] } })).result).toMatchObject({ port: 'vip' })
    expect((await runNode(branch, { config, contact: { tags: [] } })).result).toMatchObject({ port: 'rest' })
  })

  describe('with an event condition', () => {
    const paid = { branches: [{ port: 'yes', when: { event: 'order_placed', since: 'entry' } }], otherwise: 'no' }
    const order = (occurredAt: string) => ({ id: 'e1', name: 'order_placed', properties: { amount: 120 }, occurredAt })
    const runEnteredAt = new Date('2026-01-05T07:30:00Z')

    it('takes yes when the event happened since the run entered', async () => {
      const { result } = await runNode(branch, { config: paid, runEnteredAt, events: [order('2026-01-05T07:45:00Z')] })
      expect(result).toMatchObject({ port: 'yes' })
    })

    it('takes otherwise when the event happened only before the run entered', async () => {
      const { result } = await runNode(branch, { config: paid, runEnteredAt, events: [order('2026-01-04T07:45:00Z')] })
      expect(result).toMatchObject({ port: 'no' })
    })

    it('applies where and count to the history', async () => {
      const bigSpender = {
        branches: [{ port: 'yes', when: { event: 'order_placed', where: { amount: { gte: 100 } }, count: { gte: 2 }, within: '7d' } }],
        otherwise: 'no',
      }
      const one = await runNode(branch, { config: bigSpender, events: [order('2026-01-04T00:00:00Z')] })
      const two = await runNode(branch, { config: bigSpender, events: [order('2026-01-04T00:00:00Z'), order('2026-01-02T00:00:00Z')] })
      expect(one.result).toMatchObject({ port: 'no' })
      expect(two.result).toMatchObject({ port: 'yes' })
    })
  })

  it('computes its ports from the branches and otherwise', () => {
    expect(portsOf(branch, tiers)).toEqual(['gold', 'silver', 'bronze'])
  })

  it('refuses a malformed condition, naming its path', async () => {
    const config = { branches: [{ port: 'a', when: { tag: 'x' } }, { port: 'b', when: { all: [{ attribute: 'x', op: 'is', value: 1 }] } }], otherwise: 'c' }
    await expect(runNode(branch, { config })).rejects.toThrow(/config\.branches\[1\]\.when\.all\[0\]\.op must be one of/)
  })

  it('refuses a port used by two branches', async () => {
    const config = { branches: [{ port: 'a', when: { tag: 'x' } }, { port: 'a', when: { tag: 'y' } }], otherwise: 'c' }
    await expect(runNode(branch, { config })).rejects.toThrow('config refused: config.branches[1].port port "a" is used twice')
  })

  it('refuses an otherwise that is also a branch port', async () => {
    const config = { branches: [{ port: 'a', when: { tag: 'x' } }], otherwise: 'a' }
    await expect(runNode(branch, { config })).rejects.toThrow('config refused: config.otherwise port "a" is also a branch')
  })

  it('refuses a config with no branches', async () => {
    await expect(runNode(branch, { config: { branches: [], otherwise: 'no' } })).rejects.toThrow(/config\.branches must NOT have fewer than 1 items/)
  })

  it('refuses a port name with spaces', async () => {
    const config = { branches: [{ port: 'paid already', when: { tag: 'x' } }], otherwise: 'no' }
    await expect(runNode(branch, { config })).rejects.toThrow(/config\.branches\[0\]\.port must match pattern/)
  })
})
