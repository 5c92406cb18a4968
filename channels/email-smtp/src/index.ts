import { isIP } from 'node:net'
import { defineChannel, Type, type CheckedAddress, type SendOutcome } from '@kairos/sdk'
import { i18n } from './i18n.ts'

/**
 * How long connecting and the server's greeting may take together, and how long
 * the connection may then sit silent: 10 s + 15 s, under the delivery attempt's
 * 30 s (SEND_ATTEMPT_TIMEOUT_MS). nodemailer's own defaults (2 min, 30 s, 10 min)
 * would outlive the attempt. A server that keeps trickling bytes is cut off by
 * `ctx.signal` at the attempt's end.
 */
const CONNECTION_TIMEOUT_MS = 10_000
const SOCKET_TIMEOUT_MS = 15_000

/**
 * An SMTP server. The host passes the outbound guard and nodemailer connects
 * to the checked address, with the host name kept for TLS (SNI and
 * certificate), which is verified unless the channel says
 * `tlsRejectUnauthorized: false`. SMTP reply codes 4xx are temporary, 5xx
 * permanent; no reply at all (connection) is temporary. An attempt that runs
 * out of time hangs up (see `signal` below), so it and its retry never both deliver.
 */
export default defineChannel({
  kind: 'email.smtp',
  carries: 'email',
  title: 'Email over SMTP',
  description: 'An SMTP server',
  i18n,
  config: Type.Object(
    {
      host: Type.String({ minLength: 1 }),
      port: Type.Integer({ minimum: 1, maximum: 65535 }),
      secure: Type.Boolean({ default: false }),
      user: Type.Optional(Type.String()),
      password: Type.Optional(Type.String()),
      from: Type.String({ minLength: 3 }),
      tlsRejectUnauthorized: Type.Optional(
        Type.Boolean({
          default: true,
          description: "Verify the server's TLS certificate (default true). false accepts any certificate: only for a test server with a self-signed one.",
        }),
      ),
    },
    { additionalProperties: false },
  ),
  secret: ['password'],
  destinations: (config) => (typeof config.host === 'string' ? [{ field: 'host', host: config.host, port: Number(config.port) }] : []),
  async send(message, ctx): Promise<SendOutcome> {
    const settings = ctx.config
    let addresses: CheckedAddress[]
    try {
      addresses = await ctx.addresses(settings.host, settings.port)
    } catch (error) {
      // A refused destination says so itself (and is not retried); a name that does not resolve may later.
      if (typeof (error as { retry?: unknown }).retry === 'boolean') throw error
      return { status: 'failed', retry: true, error: `SMTP: ${(error as Error).message}` }
    }
    // Loaded with the first email rather than at start: 2-3 MB of heap that an idle server, or
    // one with no SMTP channel, never needs. Later sends reuse the loaded module.
    const { default: nodemailer } = await import('nodemailer')
    const transport = nodemailer.createTransport({
      host: addresses[0].address,
      port: settings.port,
      secure: Boolean(settings.secure),
      ...(settings.user ? { auth: { user: String(settings.user), pass: String(settings.password ?? '') } } : {}),
      tls: { rejectUnauthorized: settings.tlsRejectUnauthorized !== false, ...(isIP(settings.host) ? {} : { servername: settings.host }) },
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: CONNECTION_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    })
    try {
      const info = await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject ?? '',
        text: message.body,
        ...(message.html ? { html: message.html } : {}),
        headers: { 'X-Kairos-Idempotency-Key': ctx.idempotencyKey },
        // At the attempt's end nodemailer closes the connection: a server that has not answered the
        // final "." by then must not take the message while the retry sends it again.
        signal: ctx.signal,
      })
      return { status: 'sent', providerMessageId: info.messageId, response: { messageId: info.messageId, response: info.response } }
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode
      return { status: 'failed', retry: code === undefined || code < 500, error: `SMTP: ${(error as Error).message}`, response: code ? { responseCode: code } : undefined }
    } finally {
      transport.close()
    }
  },
})
