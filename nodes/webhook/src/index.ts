import { afterSend, defineNode } from '@kairos/sdk'
import { validateWebhook, WebhookConfig } from './config.ts'
import { webhookPayload } from './payload.ts'
import { i18n } from './i18n.ts'

/**
 * POSTs the contact and the run as JSON to a webhook channel (a CRM sync,
 * say). The server signs the body, retries 5xx (and 408, 429) answers and
 * timeouts with backoff, and goes to `failed` after the last retry or on
 * another 4xx; on success it copies the `merge` fields of the JSON answer
 * onto the contact.
 */
export default defineNode({
  type: 'webhook',
  version: 1,
  title: 'Webhook',
  category: 'action',
  description:
    'POST { contact: { externalId, attributes, tags, ownerId }, run: { id, flowId, nodeId }, event } as JSON to a webhook channel, ' +
    'signed in the X-Kairos-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">). 5xx, 408, 429 and timeouts are retried ' +
    'with backoff; "failed" after the last retry or on any other 4xx. On success, the merge fields of the JSON answer are set on the contact ' +
    '(a dotted path sets the attribute named by its last part).',
  i18n,
  config: WebhookConfig,
  ports: ['next', 'failed'],
  validate: validateWebhook,
  async run({ config, contact, event, run, services }) {
    const merge = config.merge ?? []
    const receipt = await services.messages.send({
      channel: 'webhook',
      via: config.channel,
      // The URL is a secret of the channel; the outbox shows the channel's name instead.
      to: config.channel,
      body: '',
      data: webhookPayload(config.include, contact, run, event),
      ...(merge.length > 0 ? { meta: { merge } } : {}),
      // A system-to-system sync: caps and quiet hours protect people, and must not hold it back.
      category: 'transactional',
    })
    return afterSend(receipt, { sent: 'next', failed: 'failed' }, merge.length > 0 ? { merge } : {})
  },
})
