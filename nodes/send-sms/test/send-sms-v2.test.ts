import { describe, expect, it } from 'vitest'
import { runNode } from '@kairos/sdk/testing'
import sendSmsV2 from '../src/v2.ts'

describe('send.sms v2', () => {
  it('goes on through next once the outbox records the message, with the recipient on the step', async () => {
    const { result, world } = await runNode(sendSmsV2, {
      config: { text: 'Hi {{ contact.name }}', channel: 'sms-main' },
      contact: { attributes: { name: 'Ada', phone: '+8613800000001' } },
    })
    expect(result).toMatchObject({ kind: 'port', port: 'next', output: { to: '+8613800000001' } })
    expect(world.sent).toMatchObject([{ channel: 'sms', via: 'sms-main', to: '+8613800000001', body: 'Hi Ada' }])
  })

  it('leaves through skipped without a phone number', async () => {
    const { result, world } = await runNode(sendSmsV2, { config: { text: 'Hi' } })
    expect(result).toMatchObject({ kind: 'port', port: 'skipped' })
    expect(world.sent).toEqual([])
  })

  it('declares a failed port beside next and skipped', () => {
    expect(sendSmsV2.ports).toEqual(['next', 'failed', 'skipped'])
  })
})
