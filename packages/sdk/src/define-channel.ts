import { Type, type Static, type TSchema, type TString } from 'typebox'
import type { Clock } from './clock.ts'
import { isRetryableStatus } from './effects/effect-policy.ts'
import type { HttpEffectRequest } from './effects/effect-types.ts'
import { checkNodeTranslations, type NodeText } from './node-i18n.ts'

/** Where a channel so configured sends: a URL, or a host and port (SMTP), each named by the config field it comes from. */
export type ChannelDestination = { field: string; url: string } | { field: string; host: string; port: number }

/** One delivery as the channel sends it (what a node passed to `messages.send`, rendered). */
export interface ChannelMessage {
  /** The delivery's id in Kairos; receipts may name it instead of the provider's message id. */
  id: string
  /** What the node sent it as (`carries`): sms, email, whatsapp, … */
  channel: string
  to: string
  body: string
  subject: string | null
  html: string | null
  /** The node's structured payload (a webhook's JSON, a template's parameters). */
  data: Record<string, unknown> | null
}

/**
 * A request a channel makes: the same shape as an HTTP effect's (`method`,
 * `url`, `query`, `headers`, one of `json`, `form` and `body`, `timeoutMs`).
 * `timeoutMs` defaults to 10 s, and no request outlives the attempt.
 */
export type ChannelRequest = HttpEffectRequest

/** What a channel has answered: any status (2xx or not); `body` is the JSON it sent, else its text, null when empty. Cut at 1 MiB. */
export interface ChannelAnswer {
  status: number
  text: string
  body: unknown
}

/**
 * HTTP for a channel: every request goes only to an origin the kind's
 * `destinations(config)` declares, and passes the outbound guard (no loopback,
 * private, link-local or metadata address unless KAIROS_ALLOWED_HOSTS lists
 * it), redirects included. A channel never calls `fetch` itself.
 */
export interface ChannelHttp {
  /**
   * Resolves with the answer whatever its status. Rejects with an `EffectFailure`:
   * `retry: false` for a request Kairos cannot make (naming the field) or a destination
   * refused ("destination refused: …"), `retry: true` when the provider cannot be reached
   * or does not answer in time ("provider unreachable: …").
   */
  request(request: ChannelRequest): Promise<ChannelAnswer>
  /** `request` with method POST. */
  post(url: string, request: Omit<ChannelRequest, 'method' | 'url'>): Promise<ChannelAnswer>
}

/** An address the outbound guard accepted for a host: connect to it and nothing else (a DNS answer may change meanwhile). */
export interface CheckedAddress {
  address: string
  family: 4 | 6
}

/** What `send` gets besides the message. */
export interface ChannelContext<Config> {
  /** The channel's config as saved, secrets opened. */
  config: Config
  /** The channel's name (`PUT /api/channels/:name`). */
  channel: string
  http: ChannelHttp
  /**
   * For protocols other than HTTP (SMTP): the addresses `host` resolves to, every one
   * accepted by the outbound guard for `port`. Rejects with an `EffectFailure` (`retry: false`)
   * when the guard refuses one, or with the resolver's error when the name does not resolve.
   */
  addresses(host: string, port: number): Promise<CheckedAddress[]>
  /** The same for every attempt at this delivery: send it to the provider so it can drop a repeat. */
  idempotencyKey: string
  /** 1 for the first attempt; a delivery is tried up to `maxAttempts` times with backoff. */
  attempt: number
  maxAttempts: number
  /** Aborts at the attempt's deadline (30 s): the attempt then counts as failed, to retry. */
  signal: AbortSignal
  clock: Clock
}

/**
 * How one attempt went. `sent` with the provider's message id (receipts find
 * the delivery by it) and what it answered (kept on the delivery, cut at 1 MiB
 * of JSON); `failed` with whether another attempt may succeed (`retry`: a 5xx,
 * a 429, a timeout) or not (a 4xx: a bad number, a refused template).
 */
export type SendOutcome =
  | { status: 'sent'; providerMessageId?: string; response?: unknown }
  | { status: 'failed'; retry: boolean; error: string; response?: unknown }

/** A receipt status a provider may report for a message, in the order they can happen. */
export type ReceiptStatus = 'delivered' | 'read' | 'clicked' | 'failed'

/** One status a provider reported: for the delivery it names by the provider's message id, or by Kairos' delivery id. */
export interface ReceiptUpdate {
  providerMessageId?: string
  deliveryId?: string
  status: ReceiptStatus
  /** When it happened (ISO time); default when Kairos received it. */
  at?: string
  /** Why, for `failed`. */
  error?: string
}

/** A provider's call to `POST /api/channels/:name/receipts`, as it came: the body unparsed, so a signature over it can be checked. */
export interface ReceiptRequest {
  headers: Record<string, string | undefined>
  rawBody: string
  query: Record<string, string>
}

/** What receipt parsing gets: the channel's config with its secrets opened (to check a signature), and the clock. */
export interface ReceiptContext<Config> {
  config: Config
  channel: string
  clock: Clock
}

/** Delivery receipts: the provider calls Kairos back at `/api/channels/:name/receipts`. */
export interface ChannelReceipts<Config> {
  /**
   * The statuses a request reports ([] for one that reports none). Throw `ReceiptRefused`
   * when it is not the provider's (a signature that does not match): the caller gets a 401
   * and nothing is recorded. Anything else thrown is a 400.
   */
  parse(request: ReceiptRequest, ctx: ReceiptContext<Config>): ReceiptUpdate[] | Promise<ReceiptUpdate[]>
  /**
   * What the provider expects in the answer besides the counts Kairos gives, e.g. Aliyun's
   * `{ code: 0, msg: '成功' }` or Tencent's `{ result: 0, errmsg: 'OK' }`: a provider that does
   * not find it takes the receipts as not received and sends them again.
   */
  reply?: Readonly<Record<string, string | number | boolean>>
  /**
   * Providers that check a callback URL before using it (WhatsApp's `hub.challenge`) send
   * a GET: the text to answer with, or null to refuse (403).
   */
  challenge?(query: Record<string, string>, ctx: ReceiptContext<Config>): string | null
}

/**
 * A channel kind: how a channel is configured and how it sends. A package
 * default-exports one (or an array) built with `defineChannel` and lists the
 * module in `package.json` `"kairos": { "channels": [...] }`.
 */
export interface ChannelDefinition<S extends TSchema = TSchema> {
  /** Dotted lower-case name, e.g. `sms.http`, `whatsapp.cloud`: what `PUT /api/channels/:name` names as `kind`. */
  kind: string
  /** The message channel it carries: what nodes send as (`messages.send({ channel })`), and what consent, caps and reports count by. */
  carries: string
  title: string
  description?: string
  /** JSON Schema (TypeBox) for the channel's config: the API validates with it and the editor draws the form. */
  config: S
  /** Config fields sealed at rest and never returned in clear. */
  secret: readonly string[]
  /** Where a channel so configured sends: each is checked by the outbound guard when the channel is saved, and again at send. */
  destinations(config: Static<S>): ChannelDestination[]
  /** Sends one message. May throw an `EffectFailure` (`retry`); any other error counts as a failure worth retrying. */
  send(message: ChannelMessage, ctx: ChannelContext<Static<S>>): Promise<SendOutcome>
  receipt?: ChannelReceipts<Static<S>>
  /**
   * Set for a kind that sends only templates the provider approved (China's SMS rule: Aliyun,
   * Tencent): a step sends a template's code and its parameters (`message.data.template`,
   * see `TemplateMessage`), never free text, and publishing refuses a step that names such a
   * channel without a template (see `templateProblems`).
   */
  template?: ChannelTemplates
  /**
   * The kind's own translations, keyed by language tag (`'zh-CN'`), as a node's are: its title,
   * description and each config field's label, help and enum labels (`fields` keyed by the
   * field's name). The editor's channel form, list and pickers read them; what is left out shows
   * the English above and the schema's.
   */
  i18n?: ChannelTranslations
}

/** A channel kind in one language: a node's translation without ports (see `NodeText`). */
export type ChannelText = Omit<NodeText, 'ports'>

/** Translations keyed by a BCP 47 language tag as the editor names its languages: `'zh-CN'`. */
export type ChannelTranslations = Record<string, ChannelText>

/** How a template-only channel kind names its templates and their parameters. */
export interface ChannelTemplates {
  /**
   * `named`: parameters by name, as the template writes them (Aliyun's `${code}`);
   * `numbered`: 1, 2, 3 … in order, with no gap (Tencent's `{1}`, sent as a list).
   */
  params: 'named' | 'numbered'
  /** What a template's code looks like (`^SMS_\d+$`), so a typo is a problem at publish, not a refused send. */
  codePattern?: string
  /** An example code for messages (`SMS_154950909`). */
  codeExample?: string
}

/** A template message as a step sends it to a template-only channel: `message.data.template`, its parameters rendered. */
export interface TemplateMessage {
  code: string
  params: Record<string, string>
}

/** Any channel definition, whatever its config type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChannelDefinition = ChannelDefinition<any>

/** Thrown by `receipt.parse` for a request that is not the provider's (a bad signature): 401, nothing recorded. */
export class ReceiptRefused extends Error {
  override name = 'ReceiptRefused'
}

/** A config field holding an http(s) URL (a provider's endpoint): `HttpUrl({ description })`. */
export const HttpUrl = (options: { description?: string; default?: string } = {}): TString =>
  Type.String({ format: 'uri', pattern: '^https?://', ...options })

/**
 * `destinations` for a kind that sends to the URLs in the named config fields
 * (those that are set): `destinations: urlDestinations('url')`.
 */
export function urlDestinations(...fields: string[]): (config: Record<string, unknown>) => ChannelDestination[] {
  return (config) => fields.flatMap((field) => (typeof config[field] === 'string' ? [{ field, url: config[field] }] : []))
}

/**
 * The usual reading of an HTTP answer: 2xx is sent, unless `refuse` finds an
 * error in it (WeCom answers 200 with an `errcode`); 5xx, 408 and 429 fail to
 * retry, other statuses for good, with `error(answer)` or "provider answered
 * HTTP <status>". The answer is kept as `{ status, body }`.
 */
export function httpOutcome(
  answer: ChannelAnswer,
  options: {
    messageId?: (body: unknown) => string | undefined
    refuse?: (answer: ChannelAnswer) => { error: string; retry: boolean } | null
    error?: (answer: ChannelAnswer) => string | undefined
  } = {},
): SendOutcome {
  const response = { status: answer.status, body: answer.body }
  if (answer.status >= 200 && answer.status < 300) {
    const refusal = options.refuse?.(answer) ?? null
    if (refusal) return { status: 'failed', ...refusal, response }
    const id = options.messageId?.(answer.body)
    return { status: 'sent', ...(id ? { providerMessageId: id } : {}), response }
  }
  const error = options.error?.(answer) ?? `provider answered HTTP ${answer.status}`
  return { status: 'failed', retry: isRetryableStatus(answer.status), error, response }
}

/** Builds a channel definition, checking its shape up front so a broken plugin fails at load. */
export function defineChannel<S extends TSchema>(definition: ChannelDefinition<S>): ChannelDefinition<S> {
  const problems = checkChannelDefinition(definition)
  if (problems.length > 0) throw new Error(`invalid channel definition: ${problems.join('; ')}`)
  return Object.freeze(definition)
}

/** Reasons an object is not a usable channel definition, all of them (empty when it is one). */
export function checkChannelDefinition(candidate: unknown): string[] {
  if (candidate === null || typeof candidate !== 'object') return ['is not an object']
  const def = candidate as Record<string, unknown>
  const problems: string[] = []
  if (typeof def.kind !== 'string' || !/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(def.kind))
    problems.push('kind must be a dotted lower-case name such as "sms.http"')
  if (typeof def.carries !== 'string' || !/^[a-z][a-z0-9_-]{0,63}$/.test(def.carries))
    problems.push('carries must be a lower-case channel name such as "sms" or "whatsapp"')
  if (typeof def.title !== 'string' || def.title === '') problems.push('title is required')
  if (def.description !== undefined && typeof def.description !== 'string') problems.push('description must be text')
  const config = def.config as { type?: unknown; properties?: Record<string, unknown> } | undefined
  const objectSchema = Boolean(config && typeof config === 'object' && config.type === 'object')
  if (!objectSchema) problems.push('config must be an object schema')
  if (!Array.isArray(def.secret) || !def.secret.every((f) => typeof f === 'string')) problems.push('secret must be a list of config field names')
  else if (objectSchema)
    for (const field of def.secret as string[])
      if (!Object.hasOwn(config!.properties ?? {}, field)) problems.push(`secret names "${field}", which is not a field of config`)
  if (typeof def.destinations !== 'function') problems.push('destinations must be a function of the config (return [] for a channel that sends nowhere)')
  if (typeof def.send !== 'function') problems.push('send must be a function')
  if (def.receipt !== undefined) {
    const receipt = def.receipt as Record<string, unknown> | null
    if (receipt === null || typeof receipt !== 'object' || typeof receipt.parse !== 'function') problems.push('receipt must be an object with a parse function')
    else if (receipt.challenge !== undefined && typeof receipt.challenge !== 'function') problems.push('receipt.challenge must be a function')
    else if (receipt.reply !== undefined && (receipt.reply === null || typeof receipt.reply !== 'object' || Array.isArray(receipt.reply)))
      problems.push('receipt.reply must be an object of the fields the provider expects in the answer')
  }
  if (def.template !== undefined) {
    const template = def.template as Record<string, unknown> | null
    if (template === null || typeof template !== 'object' || (template.params !== 'named' && template.params !== 'numbered'))
      problems.push('template must be an object whose params is "named" or "numbered"')
    else if (template.codePattern !== undefined && (typeof template.codePattern !== 'string' || !isRegExp(template.codePattern)))
      problems.push('template.codePattern must be a regular expression')
  }
  // The node's checker (title, fields, enum labels); a kind has no ports to name.
  if (def.i18n !== undefined) {
    problems.push(...checkNodeTranslations(def.i18n, def.config, null))
    if (def.i18n !== null && typeof def.i18n === 'object')
      for (const [tag, text] of Object.entries(def.i18n)) if (text && typeof text === 'object' && 'ports' in text) problems.push(`i18n.${tag}.ports: a channel kind has no ports`)
  }
  return problems
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}
