import { describe, expect, it } from 'vitest'
import { defineNode, goTo, portsOf, Type } from '@kairos/sdk'
import { runNode, type MemoryWorld } from '@kairos/sdk/testing'
import coupon from '../src/index.ts'

/** A stand-in for a later message node: renders a template in the same world. */
const renderNode = defineNode({
  type: 'test.render',
  version: 1,
  title: 'Render',
  category: 'action',
  config: Type.Object({ text: Type.String() }),
  ports: ['next'],
  run: async ({ config, services }) => goTo('next', { text: await services.templates.render(config.text) }),
})

const worldWithPool = (codes: string[]): MemoryWorld => ({
  contact: { id: 'c1', externalId: 'ada', attributes: { name: 'Ada' }, tags: [], ownerId: null },
  events: [],
  sent: [],
  pools: { spring: [...codes] },
})

describe('coupon', () => {
  it('is an action node of type coupon, version 1, with next and exhausted ports', () => {
    expect(coupon).toMatchObject({ type: 'coupon', version: 1, category: 'action' })
    expect(portsOf(coupon, { pool: 'spring' })).toEqual(['next', 'exhausted'])
  })

  describe('from a pool', () => {
    it('issues the next free code and keeps it on the contact', async () => {
      const world = worldWithPool(['SPRING-001', 'SPRING-002'])
      const { result } = await runNode(coupon, { config: { pool: 'spring' }, world })
      expect(result).toEqual({ kind: 'port', port: 'next', output: { code: 'SPRING-001' } })
      expect(world.issued).toEqual(['SPRING-001'])
      expect(world.pools?.spring).toEqual(['SPRING-002'])
      expect(world.contact.attributes.coupon).toMatchObject({ code: 'SPRING-001' })
    })

    it('never issues a code twice and goes to exhausted when the pool runs dry', async () => {
      const world = worldWithPool(['A', 'B'])
      const ports: string[] = []
      const codes: unknown[] = []
      for (let i = 0; i < 3; i++) {
        const { result } = await runNode(coupon, { config: { pool: 'spring' }, world, stepKey: `run:r${i}:1` })
        if (result.kind !== 'port') throw new Error('expected a port')
        ports.push(result.port)
        codes.push(result.output?.code)
      }
      expect(ports).toEqual(['next', 'next', 'exhausted'])
      expect(codes).toEqual(['A', 'B', undefined])
      expect(world.issued).toEqual(['A', 'B'])
    })

    it('says which pool ran dry', async () => {
      const { result } = await runNode(coupon, { config: { pool: 'spring' }, world: worldWithPool([]) })
      expect(result).toEqual({ kind: 'port', port: 'exhausted', output: { pool: 'spring', reason: 'the pool has no free codes left' } })
    })

    it('leaves the contact’s earlier coupon in place when exhausted', async () => {
      const world = worldWithPool([])
      world.contact.attributes.coupon = { code: 'OLD-1', issuedAt: '2025-12-01T00:00:00Z' }
      await runNode(coupon, { config: { pool: 'spring' }, world })
      expect(world.contact.attributes.coupon).toEqual({ code: 'OLD-1', issuedAt: '2025-12-01T00:00:00Z' })
    })
  })

  describe('from a pattern', () => {
    it('generates a code of the pattern’s shape, without look-alike characters', async () => {
      const { result, world } = await runNode(coupon, { config: { pattern: 'RENEW-{XXXXXX}-{99}' } })
      if (result.kind !== 'port') throw new Error('expected a port')
      expect(result.port).toBe('next')
      expect(result.output?.code).toMatch(/^RENEW-[A-HJ-NP-Z2-9]{6}-\d{2}$/)
      expect(world.contact.attributes.coupon).toMatchObject({ code: result.output?.code })
    })

    it('gives a thousand contacts a thousand different codes', async () => {
      const world = worldWithPool([])
      const codes = new Set<unknown>()
      for (let i = 0; i < 1000; i++) {
        const { result } = await runNode(coupon, { config: { pattern: 'RENEW-{XXXX}' }, world, stepKey: `run:r${i}:1` })
        if (result.kind === 'port') codes.add(result.output?.code)
      }
      expect(codes.size).toBe(1000)
      expect(world.issued).toHaveLength(1000)
    })
  })

  it('makes the code available to later templates as {{ coupon.code }}', async () => {
    const world = worldWithPool(['SPRING-001'])
    await runNode(coupon, { config: { pool: 'spring' }, world })
    const { result } = await runNode(renderNode, {
      config: { text: 'Hi {{ contact.name }}, renew with {{ coupon.code }} before it ends.' },
      world,
      stepKey: 'run:test-run:step:2',
    })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { text: 'Hi Ada, renew with SPRING-001 before it ends.' } })
  })

  it('renders the latest coupon after a second one is issued', async () => {
    const world = worldWithPool(['FIRST', 'SECOND'])
    await runNode(coupon, { config: { pool: 'spring' }, world })
    await runNode(coupon, { config: { pool: 'spring' }, world, stepKey: 'run:test-run:step:2' })
    const { result } = await runNode(renderNode, { config: { text: '{{ coupon.code }}' }, world })
    expect(result).toMatchObject({ output: { text: 'SECOND' } })
  })

  describe('config', () => {
    it.each([
      [{}, 'config.pool give a pool or a pattern'],
      [{ pool: 'spring', pattern: 'RENEW-{XXXXXX}' }, 'config.pattern give a pool or a pattern, not both'],
      [{ pool: '' }, 'config.pool must NOT have fewer than 1 characters'],
      [{ pattern: 'RENEW' }, 'config.pattern needs slots in braces'],
      [{ pattern: 'RENEW-{xxxxxx}' }, 'config.pattern braces hold slots only'],
      [{ pattern: 'RENEW-{ABC}-{XXXXXX}' }, 'config.pattern braces hold slots only'],
      [{ pattern: 'RENEW-{XXXXXX' }, 'config.pattern braces hold slots only'],
      [{ pattern: 'RENEW-XXXXXX}' }, 'config.pattern braces hold slots only'],
      [{ pattern: 'RENEW-{XXX}' }, 'config.pattern makes only 32,768 codes; use more slots for at least 1,000,000'],
      [{ pattern: 'RENEW-{99999}' }, 'config.pattern makes only 100,000 codes'],
      [{ pattern: 'R'.repeat(60) + '{XXXXXX}' }, 'config.pattern must NOT have more than 64 characters'],
      [{ pool: 'spring', amount: 2 }, 'config.amount is not a known field'],
    ])('refuses %j', async (config, message) => {
      await expect(runNode(coupon, { config })).rejects.toThrow(message)
    })

    it.each([['RENEW-{XXXX}'], ['{999999}'], ['{XX}-{XX}'], ['VIP{9}{XXXXX}']])('accepts %s', async (pattern) => {
      const { result } = await runNode(coupon, { config: { pattern } })
      expect(result).toMatchObject({ port: 'next' })
    })
  })
})
