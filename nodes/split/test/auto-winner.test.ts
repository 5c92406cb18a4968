import { describe, expect, it } from 'vitest'
import { runNode, type MemoryWorld } from '@kairos/sdk/testing'
import splitV2 from '../src/v2.ts'
import { portOf } from './support.ts'

const config = { arms: [{ port: 'a', weight: 50 }, { port: 'b', weight: 50 }], autoWinner: { after: { minPerArm: 100 }, confidence: 0.95 } }
const contacts = Array.from({ length: 200 }, (_, i) => `c-${i}`)
/** A world whose contact is `id`, with these decisions. */
const world = (id: string, winners: MemoryWorld['winners']): MemoryWorld => ({
  contact: { id, externalId: `ext-${id}`, attributes: {}, tags: [], ownerId: null }, events: [], sent: [], winners,
})

describe('split 2 (autoWinner)', () => {
  it('splits by weight while undecided, and sends everyone to the winner once decided', async () => {
    const undecided = await Promise.all(contacts.map(async (id) => portOf((await runNode(splitV2, { config, contact: { id } })).result)))
    expect(new Set(undecided)).toEqual(new Set(['a', 'b']))
    const winners = { node: { arm: 'b', at: '2027-01-01T00:00:00.000Z' } }
    for (const id of contacts) {
      const { result, world: after } = await runNode(splitV2, { config, world: world(id, winners) })
      expect(portOf(result)).toBe('b')
      expect(after.runVars).toEqual({ 'split.node': 'b' })
    }
  })

  it('keeps the holdout share after a decision, and ignores a decision for an arm it lacks', async () => {
    const withHoldout = { ...config, holdout: { weight: 50 } }
    const ports = await Promise.all(
      contacts.map(async (id) => portOf((await runNode(splitV2, { config: withHoldout, world: world(id, { node: { arm: 'a', at: '2027-01-01T00:00:00.000Z' } }) })).result)),
    )
    expect(new Set(ports)).toEqual(new Set(['a', 'holdout']))
    const stray = await Promise.all(
      contacts.map(async (id) => portOf((await runNode(splitV2, { config, world: world(id, { node: { arm: 'gone', at: '2027-01-01T00:00:00.000Z' } }) })).result)),
    )
    expect(new Set(stray)).toEqual(new Set(['a', 'b']))
  })
})
