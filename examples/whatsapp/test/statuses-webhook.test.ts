import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { systemClock } from '@kairos/sdk'
import { statusReceipts, verifySubscription } from '../src/statuses-webhook.ts'

const config = { phoneNumberId: '106540352242922', appSecret: 'meta-app-secret', verifyToken: 'verify-me-please' }
const ctx = { config, channel: 'wa-main', clock: systemClock }

/** A `messages` webhook as the WhatsApp Business Account posts it, signed like Meta signs it. */
function webhook(statuses: unknown[], options: { phoneNumberId?: string; secret?: string } = {}) {
  const rawBody = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: options.phoneNumberId ?? config.phoneNumberId }, statuses } }] }],
  })
  const signature = `sha256=${createHmac('sha256', options.secret ?? config.appSecret).update(rawBody).digest('hex')}`
  return { headers: { 'x-hub-signature-256': signature }, rawBody, query: {} }
}

describe('WhatsApp status webhooks', () => {
  it('reads delivered, read and failed statuses of this number as receipts, with time, delivery id and error; sent is skipped', () => {
    const updates = statusReceipts(webhook([
      { id: 'wamid.1', status: 'sent', timestamp: '1746360000', recipient_id: '5511987654321' },
      { id: 'wamid.1', status: 'delivered', timestamp: '1746360005', recipient_id: '5511987654321', biz_opaque_callback_data: 'c1d3…' },
      { id: 'wamid.1', status: 'read', timestamp: '1746360060' },
      { id: 'wamid.2', status: 'failed', timestamp: '1746360070', errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable' }] },
    ]), ctx)
    expect(updates).toEqual([
      { providerMessageId: 'wamid.1', deliveryId: 'c1d3…', status: 'delivered', at: '2025-05-04T12:00:05.000Z' },
      { providerMessageId: 'wamid.1', status: 'read', at: '2025-05-04T12:01:00.000Z' },
      { providerMessageId: 'wamid.2', status: 'failed', at: '2025-05-04T12:01:10.000Z', error: 'WhatsApp error 131026: Message undeliverable' },
    ])
  })

  it('ignores another number\'s statuses', () => {
    expect(statusReceipts(webhook([{ id: 'wamid.1', status: 'read', timestamp: '1' }], { phoneNumberId: '999' }), ctx)).toEqual([])
  })

  it('refuses a body not signed with the app secret, and any body when the channel has no app secret', () => {
    expect(() => statusReceipts(webhook([], { secret: 'guessed' }), ctx)).toThrow(expect.objectContaining({ name: 'ReceiptRefused' }))
    expect(() => statusReceipts({ ...webhook([]), headers: {} }, ctx)).toThrow(expect.objectContaining({ name: 'ReceiptRefused' }))
    expect(() => statusReceipts(webhook([]), { ...ctx, config: { phoneNumberId: config.phoneNumberId } })).toThrow('has no appSecret')
  })

  it('refuses a signed body that is not a WhatsApp Business Account webhook', () => {
    const rawBody = '{"object":"page"}'
    const headers = { 'x-hub-signature-256': `sha256=${createHmac('sha256', config.appSecret).update(rawBody).digest('hex')}` }
    expect(() => statusReceipts({ headers, rawBody, query: {} }, ctx)).toThrow('not a whatsapp_business_account webhook')
  })

  it('echoes the subscription challenge for the channel\'s verify token only', () => {
    expect(verifySubscription({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me-please', 'hub.challenge': '42' }, ctx)).toBe('42')
    expect(verifySubscription({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '42' }, ctx)).toBeNull()
    expect(verifySubscription({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me-please', 'hub.challenge': '42' }, { ...ctx, config: { phoneNumberId: '1' } })).toBeNull()
  })
})
