import type { Condition } from './conditions/types.ts'

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

/** What the outbox recorded. `status` is `queued` until a provider answers (then wait for it with `afterSend`). */
export interface DeliveryReceipt {
  id: string
  status: 'queued' | 'sent' | 'failed'
  idempotencyKey: string
  /** True when this step had already recorded the delivery (a retried step): nothing new was sent. */
  duplicate: boolean
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
    /** Renders a Liquid template with `contact`, `event` and `run` in scope. */
    render(template: string, extra?: Record<string, unknown>): Promise<string>
  }
}
