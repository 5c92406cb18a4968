import { describe, expect, it } from 'vitest'
import type { SalesRep } from '@kairos/sdk'
import { ManualClock, runNode, type MemoryWorld } from '@kairos/sdk/testing'
import call from '../src/index.ts'

/** runNode with services patched by the test; only the result matters here. */
const runWithServices = async (definition: Parameters<typeof runNode>[0], options: Parameters<typeof runNode>[1]) =>
  (await runNode(definition, options)).result

const owner: SalesRep = { id: 'r7', name: 'Li Lei', email: null, phone: null, wecomId: 'lilei', team: 'north', available: true }

function world(contact: Partial<MemoryWorld['contact']> = {}, reps: SalesRep[] = [owner]): MemoryWorld {
  return {
    contact: { id: '1', externalId: 'c-42', attributes: { name: 'Ana', phone: '+8613800000001' }, tags: [], ownerId: 'r7', ...contact },
    events: [],
    sent: [],
    reps,
  }
}

const outcomePorts = { answered: 'answered', no_answer: 'no_answer', busy: 'busy' }

describe('call', () => {
  it('declares its ports and waits', () => {
    expect(call).toMatchObject({ type: 'call', version: 1, category: 'wait', ports: ['answered', 'no_answer', 'busy', 'timeout', 'failed'] })
  })

  describe('task mode (default)', () => {
    it("gives the owner a call task due in a day and waits two days for call.completed about it", async () => {
      const clock = new ManualClock('2026-03-02T01:00:00Z')
      const { result, world: after } = await runNode(call, { config: {}, clock, world: world() })
      expect(after.tasks).toEqual([
        { id: '1', kind: 'call', title: 'Call Ana', dueAt: new Date('2026-03-03T01:00:00Z'), notes: '+8613800000001', repId: 'r7' },
      ])
      expect(result).toEqual({
        kind: 'waitForEvent',
        event: 'call.completed',
        where: { call: 'task:1' },
        timeout: { for: '2d' },
        ports: { received: 'answered', timeout: 'timeout' },
        portBy: { property: 'outcome', ports: outcomePorts },
        output: { call: 'task:1', task: '1', rep: 'r7' },
      })
    })

    it('renders the title with the contact, event and the owner as rep, and uses the configured due and timeout', async () => {
      const clock = new ManualClock('2026-03-02T01:00:00Z')
      const config = { title: '{{ rep.name }}: call {{ contact.name }} about {{ event.properties.plan }}', due: '4h', timeout: '3d' }
      const event = { id: 'e1', name: 'renewal_due', properties: { plan: 'Gold' }, occurredAt: '2026-03-02T00:00:00Z' }
      const { result, world: after } = await runNode(call, { config, clock, event, world: world() })
      expect(after.tasks).toMatchObject([{ title: 'Li Lei: call Ana about Gold', dueAt: new Date('2026-03-02T05:00:00Z') }])
      expect(result).toMatchObject({ kind: 'waitForEvent', timeout: { for: '3d' } })
    })

    it('still creates the task when the contact has no number, without the phone note', async () => {
      const { result, world: after } = await runNode(call, { config: {}, world: world({ attributes: { name: 'Ana' } }) })
      expect(after.tasks).toMatchObject([{ kind: 'call', repId: 'r7' }])
      expect(after.tasks?.[0].notes).toBeUndefined()
      expect(result).toMatchObject({ kind: 'waitForEvent', where: { call: 'task:1' } })
    })

    it('puts the number from the configured attribute on the task', async () => {
      const contact = { attributes: { name: 'Ana', work: { mobile: '+8613900000002' } } }
      const { world: after } = await runNode(call, { config: { to: 'work.mobile' }, world: world(contact) })
      expect(after.tasks?.[0].notes).toBe('+8613900000002')
    })

    it('goes through failed with the reason when the contact has no owner, creating nothing', async () => {
      const { result, world: after } = await runNode(call, { config: {}, world: world({ ownerId: null }) })
      expect(result).toEqual({ kind: 'port', port: 'failed', output: { reason: 'contact has no owner to make the call (assign a sales rep first)' } })
      expect(after.tasks).toBeUndefined()
    })

    it('goes through failed when the owner is no longer a known rep', async () => {
      const { result } = await runNode(call, { config: {}, world: world({ ownerId: 'gone' }) })
      expect(result).toMatchObject({ port: 'failed' })
    })

    it('sends no message', async () => {
      const { world: after } = await runNode(call, { config: {}, world: world() })
      expect(after.sent).toEqual([])
    })
  })

  describe('provider mode', () => {
    const provider = { mode: 'provider', channel: 'calls', script: 'Hello {{ contact.name }}, about your renewal' }

    it('places the call through the channel with the contact id, then waits for call.completed about the delivery', async () => {
      const { result, world: after } = await runNode(call, { config: provider, world: world() })
      expect(after.sent).toEqual([
        {
          channel: 'call', via: 'calls', to: '+8613800000001', body: 'Hello Ana, about your renewal', data: { contact: 'c-42' },
          category: 'marketing', idempotencyKey: 'run:test-run:step:1:call',
        },
      ])
      expect(result).toEqual({
        kind: 'waitForEvent',
        event: 'call.completed',
        where: { call: 'delivery:1' },
        timeout: { for: '2d' },
        ports: { received: 'answered', timeout: 'timeout' },
        // Version 1 has no suppressed port: a call a policy stops when due goes through failed.
        portBy: { property: 'outcome', ports: { ...outcomePorts, failed: 'failed', suppressed: 'failed' } },
        output: { call: 'delivery:1', delivery: '1', to: '+8613800000001' },
      })
      expect(after.tasks).toBeUndefined()
    })

    it('sends an empty script when none is configured', async () => {
      const { world: after } = await runNode(call, { config: { mode: 'provider', channel: 'calls' }, world: world() })
      expect(after.sent[0].body).toBe('')
    })

    it('calls the number in the configured attribute, and does not need an owner', async () => {
      const contact = { ownerId: null, attributes: { mobile: '+8613900000002' } }
      const { result, world: after } = await runNode(call, { config: { ...provider, to: 'mobile' }, world: world(contact) })
      expect(after.sent[0].to).toBe('+8613900000002')
      expect(result).toMatchObject({ kind: 'waitForEvent' })
    })

    it('goes through failed without a number, placing no call', async () => {
      const { result, world: after } = await runNode(call, { config: provider, world: world({ attributes: { name: 'Ana' } }) })
      expect(result).toEqual({ kind: 'port', port: 'failed', output: { reason: 'contact has no phone' } })
      expect(after.sent).toEqual([])
    })

    it('treats a blank number as none', async () => {
      const { result } = await runNode(call, { config: provider, world: world({ attributes: { phone: '   ' } }) })
      expect(result).toMatchObject({ port: 'failed' })
    })

    it('goes through failed when the outbox already records the call as failed', async () => {
      const result = await runWithServices(call, {
        config: provider,
        world: world(),
        patch(services) {
          services.messages.send = async () => ({ id: 'd9', status: 'failed', idempotencyKey: 'k', duplicate: false })
        },
      })
      expect(result).toMatchObject({ kind: 'port', port: 'failed', output: { delivery: 'd9' } })
    })

    it('waits for the outcome while the provider call is still queued', async () => {
      const result = await runWithServices(call, {
        config: provider,
        world: world(),
        patch(services) {
          services.messages.send = async () => ({ id: 'd9', status: 'queued', idempotencyKey: 'k', duplicate: false })
        },
      })
      expect(result).toMatchObject({ kind: 'waitForEvent', where: { call: 'delivery:d9' } })
    })

    it('places the call once when the step is retried', async () => {
      const shared = world()
      await runNode(call, { config: provider, world: shared })
      const { result } = await runNode(call, { config: provider, world: shared })
      expect(shared.sent).toHaveLength(1)
      expect(result).toMatchObject({ where: { call: 'delivery:1' } })
    })
  })

  describe('config checks at publish', () => {
    const refused = (config: unknown) => runNode(call, { config, world: world() })

    it('requires a channel in provider mode', async () => {
      await expect(refused({ mode: 'provider' })).rejects.toThrow('config.channel is required in provider mode')
    })

    it('refuses an unknown mode', async () => {
      await expect(refused({ mode: 'carrier-pigeon' })).rejects.toThrow('config.mode')
    })

    it('refuses a title that does not parse', async () => {
      await expect(refused({ title: 'Call {{ contact.name ' })).rejects.toThrow('config.title template does not parse')
    })

    it('refuses a script that does not parse', async () => {
      await expect(refused({ mode: 'provider', channel: 'calls', script: '{% if %}' })).rejects.toThrow('config.script template does not parse')
    })

    it('refuses a due or timeout that is not a duration', async () => {
      await expect(refused({ due: 'soon' })).rejects.toThrow('config.due must be a duration')
      await expect(refused({ timeout: '0s' })).rejects.toThrow('config.timeout must be a duration')
    })

    it('refuses unknown fields', async () => {
      await expect(refused({ number: '+1' })).rejects.toThrow('config.number is not a known field')
    })
  })
})
