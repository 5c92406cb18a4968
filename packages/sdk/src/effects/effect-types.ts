/** The methods an HTTP effect may use. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Values of a query string or a form: each sent as its text; `undefined` ones are left out. */
export type HttpFields = Record<string, string | number | boolean | undefined>

/**
 * An HTTP request: one a node asks Kairos to make once its step has committed
 * (`services.effects.http`), one a named effect makes (`ctx.http`), or one a
 * channel's `send` makes (`ctx.http.request`).
 */
export interface HttpEffectRequest {
  /** Default `GET`, or `POST` when there is a body. */
  method?: HttpMethod
  /** An http(s) URL. Every request passes the outbound address guard (KAIROS_ALLOWED_HOSTS). */
  url: string
  /** Added to the URL's query string (after what it already has), encoded. */
  query?: HttpFields
  headers?: Record<string, string>
  /** A JSON body, sent with `content-type: application/json` unless `headers` set one. */
  json?: unknown
  /** A form body (`a=1&b=x%20y`), sent with `content-type: application/x-www-form-urlencoded` unless `headers` set one. */
  form?: HttpFields
  /** A text body, sent as it is. At most one of `json`, `form` and `body`. */
  body?: string
  /** How long one attempt may take, in ms (default 10,000, at most 60,000). */
  timeoutMs?: number
}

/** A request as it is stored and sent: defaults applied, header names in lower case, the body as text. */
export interface HttpEffectSpec {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
}

/**
 * An answer as a run sees it: the status and the body, parsed when it is
 * JSON and text otherwise, cut at `EFFECT_LIMITS.responseBytes` (then
 * `truncated` is set and the body is the text it starts with).
 */
export interface HttpEffectResponse {
  status: number
  body: unknown
  truncated?: true
}

/** How a call to `services.effects` is keyed and bounded. */
export interface EffectOptions {
  /**
   * Names the effect within its step (default: `http`, or the effect's name). A step's second
   * call with the same key is the same effect (`duplicate: true`); give two effects of one step
   * two keys.
   */
  key?: string
  /** For a named effect: how long one attempt may take, in ms (default 10,000, at most 60,000). */
  timeoutMs?: number
}

/** What `services.effects` recorded: wait for it with `afterEffect(receipt)`. */
export interface EffectReceipt {
  id: string
  /** `http`, or the name of the node's effect. */
  name: string
  /** Sent as the `Idempotency-Key` header of an HTTP effect, and given to a named one (`ctx.idempotencyKey`). */
  idempotencyKey: string
  /** True when this step had already recorded the effect under this key: nothing new will run. */
  duplicate: boolean
}

/** What a named effect receives besides its input. */
export interface EffectContext {
  /** A request through the outbound guard, bounded like an HTTP effect's; it rejects once `signal` aborts. */
  http(request: HttpEffectRequest): Promise<HttpEffectResponse>
  /** Aborts when the attempt's time is up: stop then, the attempt counts as failed (and is retried). */
  signal: AbortSignal
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number
  /** The same on every attempt: hand it to the API being called so that it can drop a repeat. */
  idempotencyKey: string
}

/**
 * A named effect, declared on the node definition (`effects: { lookup }`) and
 * run after the step commits (`services.effects.run('lookup', input)`). It
 * returns the result (JSON, at most `EFFECT_LIMITS.resultBytes`) or throws:
 * an `EffectFailure` with `retry: false` fails it at once, any other error is
 * retried with backoff until the attempts run out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EffectFunction = (input: any, ctx: EffectContext) => unknown

/** An effect as it is stored: what to run, and under which key. */
export interface EffectSpec {
  kind: 'http' | 'named'
  /** `http`, or the name of the node's effect. */
  name: string
  /** For `http` the request (`HttpEffectSpec`); for a named effect `{ input, timeoutMs }`. */
  request: HttpEffectSpec | NamedEffectRequest
}

/** A named effect's stored call. */
export interface NamedEffectRequest {
  input: unknown
  timeoutMs: number
}

/** How an effect ended: `cancelled` when its run no longer waited for it, so it was not run. */
export type EffectStatus = 'pending' | 'done' | 'failed' | 'cancelled'
