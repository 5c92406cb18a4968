import { createHmac } from 'node:crypto'
import { isIP } from 'node:net'
import type { ResolvedChannel } from '../../channels/channel-service.ts'
import { OutboundRefused, type CheckedAddress, type OutboundGuard } from '../../outbound/outbound-guard.ts'
import { postJson } from './post-json.ts'
import type { OutgoingDelivery, ProviderAnswer } from './provider-answer.ts'

const TIMEOUT_MS = 10_000

const bearer = (token: unknown): Record<string, string> => (typeof token === 'string' ? { authorization: `Bearer ${token}` } : {})

/** WeCom answers 200 with `errcode`; 0 is success, 45009 (rate limited) is worth retrying. */
function wecomRefusal(_status: number, body: unknown): { error: string; retry: boolean } | null {
  const code = (body as { errcode?: number } | null)?.errcode
  if (code === 0 || code === undefined) return null
  return { error: `WeCom errcode ${code}: ${(body as { errmsg?: string }).errmsg ?? ''}`.trim(), retry: code === 45009 }
}

/**
 * SMTP reply codes 4xx are temporary, 5xx permanent; no reply at all
 * (connection) is temporary. The host passes the outbound guard and
 * nodemailer connects to the checked address, with the host name kept for
 * TLS (SNI and certificate), which is verified unless the channel says
 * `tlsRejectUnauthorized: false`.
 */
async function sendMail(settings: Record<string, unknown>, delivery: OutgoingDelivery, guard: OutboundGuard): Promise<ProviderAnswer> {
  const host = String(settings.host)
  const port = Number(settings.port)
  let addresses: CheckedAddress[]
  try {
    addresses = await guard.check(host, port)
  } catch (error) {
    if (error instanceof OutboundRefused) return { ok: false, retry: false, error: `destination refused: ${error.message}` }
    return { ok: false, retry: true, error: `SMTP: ${(error as Error).message}` }
  }
  // Loaded with the first email rather than at start: 2-3 MB of heap that an idle server, or
  // one with no SMTP channel, never needs. Later sends reuse the loaded module.
  const { default: nodemailer } = await import('nodemailer')
  const transport = nodemailer.createTransport({
    host: addresses[0].address,
    port,
    secure: Boolean(settings.secure),
    ...(settings.user ? { auth: { user: String(settings.user), pass: String(settings.password ?? '') } } : {}),
    tls: { rejectUnauthorized: settings.tlsRejectUnauthorized !== false, ...(isIP(host) ? {} : { servername: host }) },
    connectionTimeout: TIMEOUT_MS,
  })
  try {
    const info = await transport.sendMail({
      from: String(settings.from),
      to: delivery.to,
      subject: delivery.subject ?? '',
      text: delivery.body,
      ...(delivery.html ? { html: delivery.html } : {}),
      headers: { 'X-Kairos-Idempotency-Key': delivery.idempotencyKey },
    })
    return { ok: true, response: { messageId: info.messageId, response: info.response } }
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode
    return { ok: false, retry: code === undefined || code < 500, error: `SMTP: ${(error as Error).message}`, response: code ? { responseCode: code } : undefined }
  } finally {
    transport.close()
  }
}

/** Hands a delivery to the provider behind a channel, by the channel's kind; every request passes `guard`. */
export async function sendThrough(channel: ResolvedChannel, delivery: OutgoingDelivery, guard: OutboundGuard): Promise<ProviderAnswer> {
  const s = channel.settings
  const idempotency = { 'idempotency-key': delivery.idempotencyKey }
  switch (channel.kind.kind) {
    case 'sms.http':
      return postJson(guard, String(s.url), { id: delivery.id, channel: 'sms', to: delivery.to, body: delivery.body, idempotencyKey: delivery.idempotencyKey }, {
        headers: { ...idempotency, ...bearer(s.token) }, timeoutMs: TIMEOUT_MS,
      })
    case 'call.http':
      return postJson(guard, String(s.url), { id: delivery.id, channel: 'call', to: delivery.to, script: delivery.body, ...delivery.data, idempotencyKey: delivery.idempotencyKey }, {
        headers: { ...idempotency, ...bearer(s.token) }, timeoutMs: TIMEOUT_MS,
      })
    case 'wecom.robot':
      return postJson(guard, String(s.webhookUrl), { msgtype: 'markdown', markdown: { content: delivery.body } }, { timeoutMs: TIMEOUT_MS, accept: wecomRefusal })
    case 'webhook': {
      // Signed as `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, so receivers can reject replays and forgeries.
      const body = JSON.stringify(delivery.data ?? {})
      const timestamp = Math.floor(Date.now() / 1000)
      const signature = createHmac('sha256', String(s.secret)).update(`${timestamp}.${body}`).digest('hex')
      return postJson(guard, String(s.url), undefined, {
        rawBody: body,
        headers: { ...idempotency, 'x-kairos-signature': `t=${timestamp},v1=${signature}` },
        timeoutMs: TIMEOUT_MS,
      })
    }
    case 'email.smtp':
      return sendMail(s, delivery, guard)
    default:
      return { ok: false, retry: false, error: `channel kind ${channel.kind.kind} cannot send` }
  }
}
