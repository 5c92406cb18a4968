import { defineChannel, httpOutcome, HttpUrl, Type, type SendOutcome } from '@kairos/sdk'
import { acceptedId, graphError, messagePayload, THROTTLED } from './cloud-api.ts'
import { statusReceipts, verifySubscription } from './statuses-webhook.ts'

/**
 * Network failures that happen before a byte of the request left: no
 * connection (refused, unreachable, timed out connecting) or no address. Node
 * names them `connect E…` and `getaddrinfo E…`; Kairos' guard says a name
 * "did not resolve within". Anything else may have reached WhatsApp.
 */
const NOT_SENT = /\b(connect E[A-Z]+|getaddrinfo E[A-Z]+|did not resolve within)\b/

/**
 * The WhatsApp Business Cloud API: each message is a POST to
 * `{baseUrl}/{apiVersion}/{phoneNumberId}/messages` with the access token as a
 * bearer token. 429 and 5xx answers (and throttling error codes) are retried
 * with backoff; other 4xx answers (an unknown number, a template not approved)
 * fail the delivery with WhatsApp's error. The Graph API takes no
 * Idempotency-Key, so only a failure that shows WhatsApp did not take the
 * message is retried: an answer saying so, or no connection made at all. A
 * request sent and then left without an answer (a timeout, a connection cut)
 * may have been accepted: it fails for good rather than risk a second message.
 * Status webhooks (delivered, read, failed) come back at
 * `POST /api/channels/:name/receipts`.
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
      timeoutMs: Type.Integer({
        minimum: 100,
        maximum: 25_000,
        default: 10_000,
        description: 'How long to wait for WhatsApp\'s answer, in ms. Past it the message fails and is not retried: WhatsApp may have taken it',
      }),
    },
    { additionalProperties: false },
  ),
  secret: ['token', 'appSecret', 'verifyToken'],
  destinations: (config) => (typeof config.baseUrl === 'string' ? [{ field: 'baseUrl', url: config.baseUrl }] : []),
  async send(message, ctx): Promise<SendOutcome> {
    const { baseUrl, apiVersion, phoneNumberId, token, timeoutMs } = ctx.config
    let answer
    try {
      answer = await ctx.http.post(`${baseUrl.replace(/\/+$/, '')}/${apiVersion}/${phoneNumberId}/messages`, {
        json: messagePayload(message),
        headers: { authorization: `Bearer ${token}` },
        timeoutMs,
      })
    } catch (error) {
      const { retry, message: why } = error as { retry?: boolean; message: string }
      if (retry !== true || NOT_SENT.test(why)) throw error
      return { status: 'failed', retry: false, error: `unknown whether WhatsApp accepted the message; not retried to avoid a duplicate (${why})` }
    }
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
