import { describe, expect, it } from 'vitest'
import type { DeliveryReceipt, NodeServices } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import sendEmailV1 from '../src/index.ts'
import sendEmailV2 from '../src/v2.ts'

const ana = { attributes: { name: 'Ana', email: 'ana@example.com' } }
const config = { channel: 'smtp-main', subject: 'Hi {{ contact.name }}', text: 'Hello' }
const suppressed = async (): Promise<DeliveryReceipt> => ({ id: 'd1', status: 'suppressed', idempotencyKey: 'k', duplicate: false, reason: 'cap: 5 per 7d' })

describe('send.email v2', () => {
  it('declares a suppressed port beside the ports of v1, with the same config', () => {
    expect(sendEmailV2).toMatchObject({ type: 'send.email', version: 2, ports: ['next', 'failed', 'skipped', 'suppressed'] })
    expect(sendEmailV2.config).toBe(sendEmailV1.config)
  })

  it('sends like v1', async () => {
    const { result, world } = await runNode(sendEmailV2, { config, contact: ana })
    expect(world.sent).toMatchObject([{ channel: 'email', via: 'smtp-main', to: 'ana@example.com', subject: 'Hi Ana', category: 'marketing' }])
    expect(result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1', to: 'ana@example.com' } })
  })

  it('goes through suppressed with the rule when a policy stops the email; v1 goes through skipped', async () => {
    const patch = (s: NodeServices) => void (s.messages.send = suppressed)
    const v2 = await runNode(sendEmailV2, { config, contact: ana, patch })
    expect(v2.result).toEqual({ kind: 'port', port: 'suppressed', output: { delivery: 'd1', to: 'ana@example.com', status: 'suppressed', reason: 'cap: 5 per 7d' } })
    const v1 = await runNode(sendEmailV1, { config, contact: ana, patch })
    expect(v1.result).toMatchObject({ kind: 'port', port: 'skipped', output: { reason: 'cap: 5 per 7d' } })
  })
})
