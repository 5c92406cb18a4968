import type { Condition } from './conditions/types.ts'
import type { EffectOptions, EffectReceipt, HttpEffectRequest } from './effects/effect-types.ts'
import type { WorkdayCalendar } from './time/workday-calendar.ts'

export * from './effects/index.ts'

/** A change to the contact's tags. */
export interface TagChange {
  add?: string[]
  remove?: string[]
}

/** A change to the contact's attributes: set values, remove keys, add to numbers. */
export interface AttributeChange {
  set?: Record<string, unknown>
  unset?: string[]
  increment?: Record<string, number>
}

/** A message a node asks to deliver. Caps and quiet hours apply to `marketing` only. */
export interface OutgoingMessage {
  /** What kind of message: sms, email, wecom, call, webhook. */
  channel: 'sms' | 'email' | 'wecom' | 'call' | 'webhook' | (string & {})
  /**
   * The configured channel (`/api/channels`) to send through, by name. Without
   * one, SMS goes through the server's default provider and anything else is
   * recorded in the outbox only.
   */
  via?: string
  to: string
  body: string
  /** Email subject. */
  subject?: string
  /** Email HTML body (`body` is the text part). */
  html?: string
  /** Structured payload for webhooks and call providers. */
  data?: Record<string, unknown>
  /** Instructions for what to do with the provider's answer, e.g. `{ merge: ['lead_score'] }` for webhooks. */
  meta?: Record<string, unknown>
  category?: 'marketing' | 'transactional'
}

/**
 * What the outbox recorded. `status` is `queued` until a provider answers (then wait for it with `afterSend`);
 * `suppressed` when a policy (consent, a frequency cap) stopped the message: nothing was or will be sent.
 */
export interface DeliveryReceipt {
  id: string
  /**
   * `scheduled`: a policy deferred it (see `deferred`); when it is due, consent and caps are checked
   * again and it goes to its provider, or is suppressed. `queued`: handed to its provider now.
   * `sent`: recorded in the outbox only. `suppressed`: a policy stopped it (`reason`).
   */
  status: 'scheduled' | 'queued' | 'sent' | 'failed' | 'suppressed'
  idempotencyKey: string
  /** True when this step had already recorded the delivery (a retried step): nothing new was sent. */
  duplicate: boolean
  /** For `suppressed`: the policy rule that stopped it, e.g. `cap: sms 2 per 1d` or `consent: sms opted out (consent.sms = false)`. */
  reason?: string
  /**
   * Set when a policy (quiet hours, a cap with `onCap: 'wait'`) deferred the message: it goes out
   * at `until` (ISO time), `delayMs` from now, because of `rule`; the status is `scheduled`.
   * `afterSend` waits for it.
   */
  deferred?: { until: string; delayMs: number; rule: string }
}

/** A sales rep a contact can be assigned to. */
export interface SalesRep {
  id: string
  name: string
  email: string | null
  phone: string | null
  wecomId: string | null
  team: string | null
  available: boolean
}

/** How `sales.assign` picks a rep among the available ones. */
export interface AssignSpec {
  strategy: 'round_robin' | 'fewest_open_tasks'
  /** Only reps of this team; with `rules`, the team the first matching rule names. */
  team?: string
  /** Region → team style routing: the first rule whose condition holds picks the team. */
  rules?: Array<{ when: Condition; team: string }>
  /** Keep the contact's current owner when it is set (and available). */
  keepOwner?: boolean
}

/** A follow-up task or call for a rep. */
export interface NewTask {
  kind: 'follow_up' | 'call'
  title: string
  dueAt: Date
  notes?: string
  /** The rep; the contact's owner when absent. */
  repId?: string
}

/**
 * What a node may do to the world. Every service is bound to the current run,
 * contact and step, and derives its idempotency key from the step, so a retried
 * step never acts twice.
 */
export interface NodeServices {
  contacts: {
    tag(change: TagChange): Promise<void>
    update(change: AttributeChange): Promise<void>
  }
  messages: {
    send(message: OutgoingMessage): Promise<DeliveryReceipt>
  }
  conditions: {
    /** Evaluates a condition for this contact; event rules read the contact's history. */
    evaluate(condition: Condition): Promise<boolean>
  }
  templates: {
    /** Renders a Liquid template with `contact`, `event`, `run` and `coupon` in scope. */
    render(template: string, extra?: Record<string, unknown>): Promise<string>
  }
  coupons: {
    /**
     * Issues a coupon to the contact: the next free code of an uploaded pool, or
     * a new unique code from a pattern (`RENEW-{XXXXXX}`: X a letter or digit, 9 a
     * digit). Never the same code twice. `null` when the pool is exhausted. The
     * code is kept on the contact (`coupon`) for later templates.
     */
    issue(spec: { pool: string } | { pattern: string }): Promise<{ code: string } | null>
  }
  sales: {
    /** The contact's owner, if they have one. */
    owner(): Promise<SalesRep | null>
    /** Assigns the contact to a rep (and makes them the owner); null when no rep is available. */
    assign(spec: AssignSpec): Promise<SalesRep | null>
    /** Creates a task for a rep about this contact. */
    createTask(task: NewTask): Promise<{ id: string; repId: string | null }>
  }
  calendar: {
    /**
     * A holiday calendar the workspace uploaded (`/api/calendars`): the one named, else the one
     * the workspace's policies name (`holidays.calendar`); null when there is none. Read once per
     * batch of runs through its transaction and shared by its steps, so a node calls it freely;
     * decide with `isWorkday` / `isHoliday` from the SDK.
     */
    load(name?: string): Promise<WorkdayCalendar | null>
  }
  experiments: {
    /**
     * The arm an experiment decided on for the split `nodeId` of this run's flow version (`split` 2's
     * `autoWinner`), with when it was decided; null while undecided. A job outside run() decides and
     * stores it (docs/experiments.md); it is read once per batch through its transaction.
     */
    winner(nodeId: string): Promise<{ arm: string; at: string } | null>
  }
  run: {
    /** Records values on the run (the arm a split chose, say) for reports and later steps. */
    set(values: Record<string, unknown>): Promise<void>
  }
  /**
   * I/O outside the transaction. A call records the effect with the step and
   * returns a receipt; once the step commits, a job runs it (retried with
   * backoff, each attempt within its timeout) and the run, waiting on it
   * through `afterEffect(receipt)`, goes on through the node's done or failed
   * port with the result on the step. Keyed by the step and `options.key`:
   * the same call twice in a step is one effect (`duplicate: true`). The
   * effects of a step that fails are dropped, never run.
   */
  effects: {
    /** An HTTP request, sent with the effect's key as `Idempotency-Key`, through the outbound guard. */
    http(request: HttpEffectRequest, options?: EffectOptions): Promise<EffectReceipt>
    /** A named effect the node declares (`defineNode({ effects: { lookup } })`), called with `input` (JSON). */
    run(name: string, input?: unknown, options?: EffectOptions): Promise<EffectReceipt>
  }
}
