import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import node from '../src/index.ts'

// runNode runs the node as the engine would, against in-memory services: it validates the config
// with the node's schema first and refuses a result naming a port the node does not declare.
describe('__TYPE__', () => {
  it('goes to high when the attribute reaches the threshold', async () => {
    const { result } = await runNode(node, { config: { attribute: 'score', threshold: 50 }, contact: { attributes: { score: 72 } } })
    expect(result).toEqual({ kind: 'port', port: 'high', output: { value: 72 } })
  })

  it('goes to low below the threshold, and when the attribute is missing or not a number', async () => {
    for (const attributes of [{ score: 49 }, {}, { score: '72' }]) {
      const { result } = await runNode(node, { config: {}, contact: { attributes } })
      expect(result).toMatchObject({ kind: 'port', port: 'low' })
    }
  })

  it('refuses a threshold that is not a number, naming the field', async () => {
    await expect(runNode(node, { config: { threshold: 'many' } })).rejects.toThrow(/config\.threshold must be number/)
  })
})
