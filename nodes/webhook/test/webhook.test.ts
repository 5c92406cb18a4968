import { describe, expect, it } from 'vitest'
import type { DeliveryReceipt } from '@kairos/sdk'
import { runNode, type MemoryWorld } from '@kairos/sdk/testing'
import webhook from '../src/index.ts'

/** runNode with services patched by the test; only the result matters here. */
const runWithServices = async (definition: Parameters<typeof runNode>[0], options: Parameters<typeof runNode>[1]) =>
  (await runNode(definition, options)).result

const contact = { externalId: 'crm-42', attributes: { name: 'Ana', tier: 'premium' }, tags: ['vip'], ownerId: 'r7' }
const event = { id: 'e1', name: 'renewal_due', properties: { plan: 'Gold' }, occurredAt: '2026-03-01T00:00:00Z' }
const fullPayload = {
  contact: { externalId: 'crm-42', attributes: { name: 'Ana', tier: 'premium' }, tags: ['vip'], ownerId: 'r7' },
  run: { id: 'test-run', flowId: 'test-flow', nodeId: 'node' },
  event,
}

describe('webhook', () => {
  it('declares its ports', () => {
    expect(webhook).toMatchObject({ type: 'webhook', version: 1, category: 'action', ports: ['next', 'failed'] })
  })

  it('sends the contact, the run and the event through the channel, as a transactional delivery', async () => {
    const { result, world } = await runNode(webhook, { config: { channel: 'crm' }, contact, event })
    expect(world.sent).toEqual([
      { channel: 'webhook', via: 'crm', to: 'crm', body: '', data: fullPayload, category: 'transactional', idempotencyKey: 'run:test-run:step:1:webhook' },
    ])
    expect(result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1' } })
  })

  it('leaves the event out when the run has none', async () => {
    const { world } = await runNode(webhook, { config: { channel: 'crm' }, contact })
    expect(world.sent[0].data).not.toHaveProperty('event')
  })

  it('sends only the parts include names, always with the contact id, owner and run', async () => {
    const { world } = await runNode(webhook, { config: { channel: 'crm', include: ['tags'] }, contact, event })
    expect(world.sent[0].data).toEqual({ contact: { externalId: 'crm-42', tags: ['vip'], ownerId: 'r7' }, run: fullPayload.run })
  })

  it('sends just the id, owner and run with an empty include', async () => {
    const { world } = await runNode(webhook, { config: { channel: 'crm', include: [] }, contact: { ...contact, ownerId: null }, event })
    expect(world.sent[0].data).toEqual({ contact: { externalId: 'crm-42', ownerId: null }, run: fullPayload.run })
  })

  it('sends the event without attributes when asked', async () => {
    const { world } = await runNode(webhook, { config: { channel: 'crm', include: ['event'] }, contact, event })
    expect(world.sent[0].data).toEqual({ contact: { externalId: 'crm-42', ownerId: 'r7' }, run: fullPayload.run, event })
  })

  it('asks the server to merge the answer fields, and records them on the step', async () => {
    const config = { channel: 'crm', merge: ['lead_score', 'deal.stage'] }
    const { result, world } = await runNode(webhook, { config, contact })
    expect(world.sent[0].meta).toEqual({ merge: ['lead_score', 'deal.stage'] })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1', merge: ['lead_score', 'deal.stage'] } })
  })

  it('sends no merge instructions without merge', async () => {
    const { world } = await runNode(webhook, { config: { channel: 'crm', merge: [] }, contact })
    expect(world.sent[0]).not.toHaveProperty('meta')
  })

  it('posts once when the step is retried', async () => {
    const first = await runNode(webhook, { config: { channel: 'crm' }, contact })
    await runNode(webhook, { config: { channel: 'crm' }, world: first.world })
    expect(first.world.sent).toHaveLength(1)
  })

  describe("after the endpoint's answer", () => {
    const world = (): MemoryWorld => ({ contact: { id: '1', ...contact }, events: [], sent: [] })
    const answering = (status: DeliveryReceipt['status']) => async () => ({ id: 'd1', status, idempotencyKey: 'k', duplicate: false })

    it('waits for the queued delivery: sent → next, failed (after the last retry) → failed', async () => {
      const result = await runWithServices(webhook, {
        config: { channel: 'crm', merge: ['score'] }, world: world(), patch: (s) => void (s.messages.send = answering('queued')),
      })
      expect(result).toEqual({ kind: 'waitForDelivery', delivery: 'd1', ports: { sent: 'next', failed: 'failed' }, output: { delivery: 'd1', merge: ['score'] } })
    })

    it('goes through failed when the delivery already failed', async () => {
      const result = await runWithServices(webhook, { config: { channel: 'crm' }, world: world(), patch: (s) => void (s.messages.send = answering('failed')) })
      expect(result).toMatchObject({ kind: 'port', port: 'failed' })
    })
  })

  describe('config checks at publish', () => {
    const refused = (config: unknown) => runNode(webhook, { config, contact })

    it('requires a channel', async () => {
      await expect(refused({})).rejects.toThrow('config.channel is required')
    })

    it('refuses a URL in the flow: it belongs to the channel', async () => {
      await expect(refused({ channel: 'crm', url: 'https://crm.example/hook' })).rejects.toThrow('config.url is not a known field')
    })

    it('refuses unknown or repeated include parts', async () => {
      await expect(refused({ channel: 'crm', include: ['secrets'] })).rejects.toThrow('config.include[0]')
      await expect(refused({ channel: 'crm', include: ['tags', 'tags'] })).rejects.toThrow('config.include')
    })

    it('refuses merge paths that are not field paths', async () => {
      await expect(refused({ channel: 'crm', merge: ['a..b'] })).rejects.toThrow('config.merge[0]')
      await expect(refused({ channel: 'crm', merge: ['lead score'] })).rejects.toThrow('config.merge[0]')
    })

    it('refuses two merge paths that would set the same attribute', async () => {
      await expect(refused({ channel: 'crm', merge: ['score', 'lead.score'] })).rejects.toThrow(
        'config.merge[1] sets attribute "score" like config.merge[0]',
      )
    })

    it('refuses a merge path ending in an index', async () => {
      await expect(refused({ channel: 'crm', merge: ['items.0'] })).rejects.toThrow('config.merge[0] must end in a field name')
    })
  })
})
