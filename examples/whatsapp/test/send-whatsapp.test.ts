import { describe, expect, it } from 'vitest'
import type { DeliveryReceipt } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import sendWhatsapp from '../src/send-whatsapp.ts'

const ana = { attributes: { name: 'Ana', phone: '+5511987654321' } }
const shipped = { id: 'ev1', name: 'order_shipped', properties: { order: 'A-1001' }, occurredAt: '2026-05-04T12:00:00Z' }
const config = { channel: 'wa-main', template: 'order_shipped', language: 'pt_BR', parameters: ['{{ contact.name }}', '{{ event.properties.order }}'] }
const answering = (receipt: Partial<DeliveryReceipt>) => async () => ({ id: 'd1', status: 'queued' as const, idempotencyKey: 'k', duplicate: false, ...receipt })

describe('send.whatsapp', () => {
  it('sends the template through the channel with its body parameters rendered from Liquid, as marketing by default', async () => {
    const { world, result } = await runNode(sendWhatsapp, { config, contact: ana, event: shipped })
    expect(world.sent).toEqual([
      {
        channel: 'whatsapp', via: 'wa-main', to: '+5511987654321', category: 'marketing',
        body: 'order_shipped (pt_BR): Ana | A-1001',
        data: { template: { name: 'order_shipped', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-1001' }] }] } },
        idempotencyKey: 'run:test-run:step:1:whatsapp',
      },
    ])
    expect(result).toEqual({ kind: 'port', port: 'next', output: { delivery: '1', to: '+5511987654321', template: 'order_shipped' } })
  })

  it('sends a template without variables with no components, in en_US unless told', async () => {
    const { world } = await runNode(sendWhatsapp, { config: { channel: 'wa-main', template: 'hello_world' }, contact: ana })
    expect(world.sent[0].data).toEqual({ template: { name: 'hello_world', language: { code: 'en_US' } } })
  })

  it('waits for WhatsApp\'s answer: next once sent, failed when refused, suppressed when a policy stops it', async () => {
    const queued = await runNode(sendWhatsapp, { config, contact: ana, event: shipped, patch: (s) => void (s.messages.send = answering({})) })
    expect(queued.result).toMatchObject({ kind: 'waitForDelivery', delivery: 'd1', ports: { sent: 'next', failed: 'failed', suppressed: 'suppressed' } })
    const capped = await runNode(sendWhatsapp, { config, contact: ana, event: shipped, patch: (s) => void (s.messages.send = answering({ status: 'suppressed', reason: 'cap: whatsapp 1 per 1d' })) })
    expect(capped.result).toMatchObject({ kind: 'port', port: 'suppressed', output: { status: 'suppressed', reason: 'cap: whatsapp 1 per 1d' } })
  })

  it('skips a contact without a number, and one for whom a variable renders empty (WhatsApp refuses those)', async () => {
    const nobody = await runNode(sendWhatsapp, { config, contact: { attributes: { name: 'Ana' } } })
    expect(nobody.result).toEqual({ kind: 'port', port: 'skipped', output: { reason: 'contact has no phone' } })
    const noOrder = await runNode(sendWhatsapp, { config, contact: ana })
    expect(noOrder.result).toEqual({ kind: 'port', port: 'skipped', output: { reason: 'parameter {{2}} (config.parameters[1]) rendered empty for this contact' } })
    expect(noOrder.world.sent).toEqual([])
  })

  it('records one message when the same step runs twice', async () => {
    const first = await runNode(sendWhatsapp, { config, contact: ana, event: shipped, stepKey: 'run:r1:step:3' })
    const second = await runNode(sendWhatsapp, { config, event: shipped, world: first.world, stepKey: 'run:r1:step:3' })
    expect(second.world.sent).toHaveLength(1)
  })

  it('refuses at publish a parameter that is not valid Liquid, and a template name WhatsApp would not take', async () => {
    await expect(runNode(sendWhatsapp, { config: { ...config, parameters: ['{{ contact.name'] }, contact: ana })).rejects.toThrow('config.parameters[0]')
    await expect(runNode(sendWhatsapp, { config: { ...config, template: 'Order Shipped' }, contact: ana })).rejects.toThrow('config.template')
  })
})
