import { defineChannel, httpOutcome, HttpUrl, Type, type SendOutcome } from '@kairos/sdk'
import { acceptedId, graphError, messagePayload, THROTTLED } from './cloud-api.ts'
import { statusReceipts, verifySubscription } from './statuses-webhook.ts'

/**
 * The WhatsApp Business Cloud API: each message is a POST to
 * `{baseUrl}/{apiVersion}/{phoneNumberId}/messages` with the access token as a
 * bearer token. 429 and 5xx answers (and throttling error codes) are retried
 * with backoff; other 4xx answers (an unknown number, a template not approved)
 * fail the delivery with WhatsApp's error. Status webhooks (delivered, read,
 * failed) come back at `POST /api/channels/:name/receipts`.
 */
export default defineChannel({
  kind: 'whatsapp.cloud',
  carries: 'whatsapp',
  title: 'WhatsApp Cloud API',
  description: 'WhatsApp Business messages through the Cloud API (graph.facebook.com): templates, and text inside the 24-hour window',
  config: Type.Object(
    {
      phoneNumberId: Type.String({ pattern: '^[0-9]{1,32}$', description: 'The sending number\'s id (WhatsApp Manager → API Setup), not the number itself' }),
      token: Type.String({ minLength: 1, description: 'A system user access token with whatsapp_business_messaging' }),
      appSecret: Type.Optional(Type.String({ minLength: 1, description: 'The Meta app\'s secret: status webhooks are accepted only when signed with it' })),
      verifyToken: Type.Optional(Type.String({ minLength: 8, description: 'Any text you choose; give the same when subscribing the webhook in the Meta app' })),
      baseUrl: HttpUrl({ default: 'https://graph.facebook.com', description: 'The Graph API origin (change only to test against a stand-in)' }),
      apiVersion: Type.String({ pattern: '^v[0-9]+\\.[0-9]+$', default: 'v21.0', description: 'Graph API version, e.g. v21.0' }),
    },
    { additionalProperties: false },
  ),
  secret: ['token', 'appSecret', 'verifyToken'],
  destinations: (config) => (typeof config.baseUrl === 'string' ? [{ field: 'baseUrl', url: config.baseUrl }] : []),
  async send(message, ctx): Promise<SendOutcome> {
    const { baseUrl, apiVersion, phoneNumberId, token } = ctx.config
    const answer = await ctx.http.post(`${baseUrl.replace(/\/+$/, '')}/${apiVersion}/${phoneNumberId}/messages`, {
      json: messagePayload(message),
      headers: { authorization: `Bearer ${token}` },
    })
    const error = graphError(answer)
    const outcome = httpOutcome(answer, {
      messageId: acceptedId,
      error: () => (error ? `WhatsApp error ${error.code ?? '?'} (${error.type ?? 'unknown'}): ${error.message ?? ''}`.trim() : undefined),
    })
    if (outcome.status === 'failed' && error?.code !== undefined && THROTTLED.has(error.code)) return { ...outcome, retry: true }
    return outcome
  },
  receipt: { parse: statusReceipts, challenge: verifySubscription },
})
