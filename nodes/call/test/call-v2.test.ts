import { describe, expect, it } from 'vitest'
import type { DeliveryReceipt, NodeServices } from '@kairos/sdk'
import { runNode, type MemoryWorld } from '@kairos/sdk/testing'
import callV1 from '../src/index.ts'
import callV2 from '../src/v2.ts'

const world = (): MemoryWorld => ({
  contact: { id: '1', externalId: 'c-42', attributes: { name: 'Ana', phone: '+8613800000001' }, tags: [], ownerId: null },
  events: [],
  sent: [],
})
const provider = { mode: 'provider', channel: 'calls' }
const answering = (receipt: Partial<DeliveryReceipt>) => async (): Promise<DeliveryReceipt> => ({ id: 'd1', status: 'queued', idempotencyKey: 'k', duplicate: false, ...receipt })

describe('call v2', () => {
  it('declares a suppressed port beside the ports of v1', () => {
    expect(callV2).toMatchObject({ type: 'call', version: 2, ports: ['answered', 'no_answer', 'busy', 'timeout', 'failed', 'suppressed'] })
  })

  it('goes through suppressed with the rule when a policy stops a provider call; v1 goes through failed', async () => {
    const patch = (s: NodeServices) => void (s.messages.send = answering({ status: 'suppressed', reason: 'consent: call opted out (consent.call = false)' }))
    const v2 = await runNode(callV2, { config: provider, world: world(), patch })
    expect(v2.result).toEqual({
      kind: 'port', port: 'suppressed', output: { delivery: 'd1', to: '+8613800000001', status: 'suppressed', reason: 'consent: call opted out (consent.call = false)' },
    })
    const v1 = await runNode(callV1, { config: provider, world: world(), patch })
    expect(v1.result).toMatchObject({ kind: 'port', port: 'failed', output: { status: 'suppressed' } })
  })

  it('starts the outcome timeout when a deferred call is placed', async () => {
    const deferred = { until: '2027-03-03T01:00:00.000Z', delayMs: 3_600_000, rule: 'quiet hours 21:00-09:00 (UTC)' }
    const { result } = await runNode(callV2, { config: provider, world: world(), patch: (s) => void (s.messages.send = answering({ deferred })) })
    expect(result).toMatchObject({
      kind: 'waitForEvent', timeout: { for: '3600000ms2d' }, output: { delivery: 'd1', deferred: { until: deferred.until, rule: deferred.rule } },
    })
  })
})
