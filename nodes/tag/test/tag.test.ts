import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import tag from '../src/index.ts'

describe('tag', () => {
  it('adds tags to the contact and goes on through next', async () => {
    const { result, world } = await runNode(tag, { config: { add: ['abandoned-cart'] }, contact: { tags: ['new'] } })
    expect(world.contact.tags).toEqual(['new', 'abandoned-cart'])
    expect(result).toEqual({ kind: 'port', port: 'next', output: { added: ['abandoned-cart'], removed: [] } })
  })

  it('removes tags from the contact', async () => {
    const { result, world } = await runNode(tag, { config: { remove: ['new'] }, contact: { tags: ['new', 'vip'] } })
    expect(world.contact.tags).toEqual(['vip'])
    expect(result).toMatchObject({ output: { added: [], removed: ['new'] } })
  })

  it('adds and removes in one step', async () => {
    const { world } = await runNode(tag, { config: { add: ['customer'], remove: ['lead'] }, contact: { tags: ['lead'] } })
    expect(world.contact.tags).toEqual(['customer'])
  })

  it('does not add a tag the contact already has twice', async () => {
    const { world } = await runNode(tag, { config: { add: ['vip'] }, contact: { tags: ['vip'] } })
    expect(world.contact.tags).toEqual(['vip'])
  })

  it('refuses a config that neither adds nor removes', async () => {
    await expect(runNode(tag, { config: {} })).rejects.toThrow('config refused: config.add add or remove at least one tag')
  })

  it('refuses an empty tag name, naming its index', async () => {
    await expect(runNode(tag, { config: { add: ['ok', ''] } })).rejects.toThrow(/config\.add\[1\] must NOT have fewer than 1 characters/)
  })

  it('refuses tags given as one string', async () => {
    await expect(runNode(tag, { config: { add: 'vip' } })).rejects.toThrow(/config\.add must be array/)
  })
})
