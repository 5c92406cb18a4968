import { describe, expect, it } from 'vitest'
import type { DeliveryReceipt } from '@kairos/sdk'
import { runNode } from '@kairos/sdk/testing'
import sendSmsV1 from '../src/index.ts'
import sendSmsV2 from '../src/v2.ts'
import sendSmsV3 from '../src/v3.ts'

const ada = { attributes: { name: 'Ada', phone: '+8613800000001' } }
const answering = (receipt: Partial<DeliveryReceipt>) => async () => ({ id: 'd1', status: 'queued' as const, idempotencyKey: 'k', duplicate: false, ...receipt })

describe('send.sms v3', () => {
  it('declares a suppressed port beside the ports of v2', () => {
    expect(sendSmsV3).toMatchObject({ type: 'send.sms', version: 3, ports: ['next', 'failed', 'skipped', 'suppressed'] })
  })

  it('sends as marketing by default, through the channel', async () => {
    const { world } = await runNode(sendSmsV3, { config: { text: 'Hi {{ contact.name }}', channel: 'sms-main' }, contact: ada })
    expect(world.sent).toMatchObject([{ channel: 'sms', via: 'sms-main', to: '+8613800000001', body: 'Hi Ada', category: 'marketing' }])
  })

  it('goes through suppressed with the rule on the step when a policy stops the message', async () => {
    const { result } = await runNode(sendSmsV3, {
      config: { text: 'Hi' }, contact: ada,
      patch: (s) => void (s.messages.send = answering({ status: 'suppressed', reason: 'cap: sms 2 per 1d' })),
    })
    expect(result).toEqual({ kind: 'port', port: 'suppressed', output: { delivery: 'd1', to: '+8613800000001', status: 'suppressed', reason: 'cap: sms 2 per 1d' } })
  })

  it('waits for a deferred message from when it is due, with the deferral on the step', async () => {
    const deferred = { until: '2027-03-03T01:00:00.000Z', delayMs: 10 * 3_600_000, rule: 'quiet hours 21:00-09:00 (Asia/Shanghai)' }
    const { result } = await runNode(sendSmsV3, { config: { text: 'Hi' }, contact: ada, patch: (s) => void (s.messages.send = answering({ deferred })) })
    expect(result).toEqual({
      kind: 'waitForDelivery', delivery: 'd1', ports: { sent: 'next', failed: 'failed', suppressed: 'suppressed' }, timeout: { for: '36000000ms7d' },
      output: { delivery: 'd1', to: '+8613800000001', deferred: { until: deferred.until, rule: deferred.rule } },
    })
  })

  it('waits for a scheduled message (deferred, outbox or channel) to settle, since its re-check when due may still suppress it', async () => {
    const deferred = { until: '2027-03-03T01:00:00.000Z', delayMs: 3_600_000, rule: 'quiet hours 21:00-09:00 (UTC)' }
    const { result } = await runNode(sendSmsV3, { config: { text: 'Hi' }, contact: ada, patch: (s) => void (s.messages.send = answering({ status: 'scheduled', deferred })) })
    expect(result).toMatchObject({ kind: 'waitForDelivery', delivery: 'd1', ports: { sent: 'next', suppressed: 'suppressed' }, timeout: { for: '3600000ms7d' } })
  })
})

describe('send.sms before policies', () => {
  const suppressed = answering({ status: 'suppressed', reason: 'consent: sms opted out (consent.sms = false)' })

  it('v2 sends a suppressed message through skipped, its port for "not sent, not an error"', async () => {
    const { result } = await runNode(sendSmsV2, { config: { text: 'Hi' }, contact: ada, patch: (s) => void (s.messages.send = suppressed) })
    expect(result).toMatchObject({ kind: 'port', port: 'skipped', output: { status: 'suppressed', reason: 'consent: sms opted out (consent.sms = false)' } })
  })

  it('v1 goes on through next as always, with the suppression on the step', async () => {
    const { result } = await runNode(sendSmsV1, { config: { text: 'Hi' }, contact: ada, patch: (s) => void (s.messages.send = suppressed) })
    expect(result).toMatchObject({ kind: 'port', port: 'next', output: { delivery: 'd1', status: 'suppressed', reason: 'consent: sms opted out (consent.sms = false)' } })
  })
})
