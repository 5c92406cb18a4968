import { Type, type TSchema } from 'typebox'

/** How a kind of channel is configured: its settings schema, which fields are secret, what it sends. */
export interface ChannelKind {
  kind: string
  /** The message channel it carries (what `messages.send({ channel })` names). */
  carries: 'sms' | 'email' | 'wecom' | 'call' | 'webhook'
  description: string
  config: TSchema
  /** Config fields stored encrypted and never returned in clear text. */
  secret: string[]
  /**
   * Where a channel so configured sends (the config as saved, secrets
   * included): each is checked by the outbound guard when the channel is
   * saved, and the sender checks again when it sends. A kind that sends
   * nowhere returns []; every kind must say.
   */
  destinations(config: Record<string, unknown>): ChannelDestination[]
}

/** A destination named by one config field: a URL, or a host and port. */
export type ChannelDestination = { field: string; url: string } | { field: string; host: string; port: number }

const urlAt = (field: string) => (config: Record<string, unknown>): ChannelDestination[] =>
  typeof config[field] === 'string' ? [{ field, url: config[field] }] : []

const URL = Type.String({ format: 'uri', pattern: '^https?://' })

/**
 * The kinds by name. No prototype: the name comes from the request (`body.kind`), and a plain
 * object answered "toString" or "constructor" with Object.prototype's own (a 500 where a
 * 400 naming body.kind belongs; found by tests/api/route-fuzz).
 */
export const CHANNEL_KINDS: Record<string, ChannelKind> = Object.assign(Object.create(null) as Record<string, ChannelKind>, {
  'sms.http': {
    kind: 'sms.http', carries: 'sms',
    description: 'An SMS provider reached by POSTing JSON { to, body, idempotencyKey } to a URL',
    config: Type.Object({ url: URL, token: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false }),
    secret: ['token'],
    destinations: urlAt('url'),
  },
  'email.smtp': {
    kind: 'email.smtp', carries: 'email',
    description: 'An SMTP server',
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
  },
  'wecom.robot': {
    kind: 'wecom.robot', carries: 'wecom',
    description: 'A WeCom (企业微信) group robot webhook',
    config: Type.Object({ webhookUrl: URL }, { additionalProperties: false }),
    secret: ['webhookUrl'],
    destinations: urlAt('webhookUrl'),
  },
  'call.http': {
    kind: 'call.http', carries: 'call',
    description: 'An outbound call provider reached by POSTing JSON to a URL',
    config: Type.Object({ url: URL, token: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false }),
    secret: ['token'],
    destinations: urlAt('url'),
  },
  webhook: {
    kind: 'webhook', carries: 'webhook',
    description: 'An HTTP endpoint (a CRM, say) that receives signed JSON',
    config: Type.Object(
      { url: URL, secret: Type.String({ minLength: 8, description: 'HMAC-SHA256 key for the X-Kairos-Signature header' }) },
      { additionalProperties: false },
    ),
    secret: ['secret'],
    destinations: urlAt('url'),
  },
} satisfies Record<string, ChannelKind>)
