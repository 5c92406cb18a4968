import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { systemClock } from '@kairos/sdk'
import { getReceiptChallenge, postReceipts } from '@kairos/sdk/testing'
import { statusReceipts } from '../src/statuses-webhook.ts'
import whatsappCloud from '../src/whatsapp-cloud.ts'

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

  // Through the kind's receipt, as POST /api/channels/:name/receipts hands requests to it.
  const channelConfig = { ...config, token: 'EAAJB3-token' }

  it('answers 401 to a body not signed with the app secret, and to any body when the channel has no app secret', async () => {
    const signed = webhook([{ id: 'wamid.1', status: 'delivered', timestamp: '1746360005' }])
    expect(await postReceipts(whatsappCloud, { config: channelConfig, ...signed })).toEqual({
      status: 200, updates: [{ providerMessageId: 'wamid.1', status: 'delivered', at: '2025-05-04T12:00:05.000Z' }],
    })
    expect(await postReceipts(whatsappCloud, { config: channelConfig, ...webhook([], { secret: 'guessed' }) })).toEqual({
      status: 401, error: 'receipt refused: X-Hub-Signature-256 does not match the body signed with the app secret',
    })
    expect(await postReceipts(whatsappCloud, { config: channelConfig, ...signed, headers: {} })).toMatchObject({ status: 401 })
    expect(await postReceipts(whatsappCloud, { config: { ...channelConfig, appSecret: undefined }, ...signed })).toMatchObject({ status: 401, error: expect.stringContaining('has no appSecret') })
  })

  it('answers 400 to a signed body that is not a WhatsApp Business Account webhook', async () => {
    const rawBody = '{"object":"page"}'
    const headers = { 'X-Hub-Signature-256': `sha256=${createHmac('sha256', config.appSecret).update(rawBody).digest('hex')}` }
    expect(await postReceipts(whatsappCloud, { config: channelConfig, headers, rawBody })).toEqual({
      status: 400, error: 'body cannot be read as whatsapp.cloud receipts: not a whatsapp_business_account webhook',
    })
  })

  it('echoes the subscription challenge for the channel\'s verify token only', () => {
    const check = (token: string, options = channelConfig as Record<string, unknown>) =>
      getReceiptChallenge(whatsappCloud, { config: options, query: { 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '42' } })
    expect(check('verify-me-please')).toEqual({ status: 200, body: '42' })
    expect(check('nope')).toEqual({ status: 403 })
    expect(check('verify-me-please', { ...channelConfig, verifyToken: undefined })).toEqual({ status: 403 })
  })
})
