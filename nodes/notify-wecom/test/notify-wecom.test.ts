import { describe, expect, it } from 'vitest'
import type { DeliveryReceipt, SalesRep } from '@kairos/sdk'
import { runNode, type MemoryWorld } from '@kairos/sdk/testing'
import notifyWecom from '../src/index.ts'
import { mention } from '../src/mention.ts'

/** runNode with services patched by the test; only the result matters here. */
const runWithServices = async (definition: Parameters<typeof runNode>[0], options: Parameters<typeof runNode>[1]) =>
  (await runNode(definition, options)).result

const owner: SalesRep = { id: 'r7', name: 'Li Lei', email: null, phone: null, wecomId: 'lilei', team: null, available: true }

function world(contact: Partial<MemoryWorld['contact']> = {}, reps: SalesRep[] = [owner]): MemoryWorld {
  return {
    contact: { id: '1', externalId: 'c-42', attributes: { name: 'Ana', tier: 'premium' }, tags: [], ownerId: 'r7', ...contact },
    events: [],
    sent: [],
    reps,
  }
}

const config = { channel: 'sales-group', text: '**Renewal due**: {{ contact.name }} ({{ contact.tier }})' }

describe('notify.wecom', () => {
  it('declares its ports', () => {
    expect(notifyWecom).toMatchObject({ type: 'notify.wecom', version: 1, category: 'action', ports: ['next', 'failed'] })
  })

  it("posts the rendered markdown through the channel to the owner, mentioning them, as transactional", async () => {
    const { result, world: after } = await runNode(notifyWecom, { config, world: world() })
    expect(after.sent).toEqual([
      {
        channel: 'wecom', via: 'sales-group', to: 'lilei', body: '**Renewal due**: Ana (premium)\n<@lilei>',
        category: 'transactional', idempotencyKey: 'run:test-run:step:1:wecom',
      },
    ])
    expect(result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1', owner: 'r7' } })
  })

  it('lets the text name the owner', async () => {
    const { world: after } = await runNode(notifyWecom, {
      config: { ...config, text: '{{ owner.name | default: "Team" }}, {{ contact.name }} renews soon' },
      world: world(),
    })
    expect(after.sent[0].body).toBe('Li Lei, Ana renews soon\n<@lilei>')
  })

  it('does not mention the owner when mentionOwner is false, but still addresses them', async () => {
    const { world: after } = await runNode(notifyWecom, { config: { ...config, mentionOwner: false }, world: world() })
    expect(after.sent[0]).toMatchObject({ to: 'lilei', body: '**Renewal due**: Ana (premium)' })
  })

  it('posts to the group without a mention when the contact has no owner', async () => {
    const { result, world: after } = await runNode(notifyWecom, {
      config: { ...config, text: '{{ owner.name | default: "Team" }}: {{ contact.name }}' },
      world: world({ ownerId: null }),
    })
    expect(after.sent[0]).toMatchObject({ to: 'group', body: 'Team: Ana' })
    expect(result).toMatchObject({ port: 'next', output: { owner: null } })
  })

  it('posts to the group without a mention when the owner has no WeCom id', async () => {
    const { world: after } = await runNode(notifyWecom, { config, world: world({}, [{ ...owner, wecomId: null }]) })
    expect(after.sent[0]).toMatchObject({ to: 'group', body: '**Renewal due**: Ana (premium)' })
  })

  it('does not mention the owner twice when the text already does', async () => {
    const { world: after } = await runNode(notifyWecom, { config: { ...config, text: 'Hi <@lilei>, {{ contact.name }}' }, world: world() })
    expect(after.sent[0].body).toBe('Hi <@lilei>, Ana')
  })

  it('posts once when the step is retried', async () => {
    const shared = world()
    await runNode(notifyWecom, { config, world: shared })
    const { result } = await runNode(notifyWecom, { config, world: shared })
    expect(shared.sent).toHaveLength(1)
    expect(result).toMatchObject({ port: 'next', output: { delivery: '1' } })
  })

  describe("after the provider's answer", () => {
    const answering = (status: DeliveryReceipt['status']) => async () => ({ id: 'd1', status, idempotencyKey: 'k', duplicate: false })

    it('waits for a queued delivery: sent → next, failed → failed', async () => {
      const result = await runWithServices(notifyWecom, { config, world: world(), patch: (s) => void (s.messages.send = answering('queued')) })
      expect(result).toEqual({ kind: 'waitForDelivery', delivery: 'd1', ports: { sent: 'next', failed: 'failed' }, output: { delivery: 'd1', owner: 'r7' } })
    })

    it('goes through failed when the delivery already failed', async () => {
      const result = await runWithServices(notifyWecom, { config, world: world(), patch: (s) => void (s.messages.send = answering('failed')) })
      expect(result).toMatchObject({ kind: 'port', port: 'failed', output: { delivery: 'd1' } })
    })
  })

  describe('config checks at publish', () => {
    const refused = (c: unknown) => runNode(notifyWecom, { config: c, world: world() })

    it('requires a channel and a text', async () => {
      await expect(refused({ text: 'hi' })).rejects.toThrow('config.channel is required')
      await expect(refused({ channel: 'g' })).rejects.toThrow('config.text is required')
    })

    it('refuses a text that does not parse', async () => {
      await expect(refused({ channel: 'g', text: '{{ contact.name ' })).rejects.toThrow('config.text template does not parse')
    })

    it('refuses a webhook URL in the flow', async () => {
      await expect(refused({ ...config, webhookUrl: 'https://qyapi.weixin.qq.com/x' })).rejects.toThrow('config.webhookUrl is not a known field')
    })
  })
})

describe('mention', () => {
  it('appends the mention on its own line, trimming trailing space', () => {
    expect(mention('hello  \n', 'lilei')).toBe('hello\n<@lilei>')
  })

  it('leaves the text alone without an id', () => {
    expect(mention('hello', null)).toBe('hello')
    expect(mention('hello', '')).toBe('hello')
  })
})
