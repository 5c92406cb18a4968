import { Type } from 'typebox'
import { DateTime, Nullable, OneOf } from './reply-fields.ts'
import { PolicyReason } from '../policies/policy-rule.ts'

export const DELIVERY_STATUSES = ['scheduled', 'queued', 'sent', 'failed', 'suppressed', 'delivered', 'read', 'clicked'] as const

/** One message to one contact on one channel: the outbox row. */
export const Delivery = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  category: OneOf(['marketing', 'transactional']),
  provider: Type.String(),
  to: Type.String({ description: 'The recipient: a phone number, an address, a URL' }),
  body: Type.String(),
  status: OneOf(DELIVERY_STATUSES),
  contact: Type.String({ description: 'External id' }),
  flowId: Nullable(Type.String()),
  runId: Nullable(Type.String()),
  node: Nullable(Type.String()),
  idempotencyKey: Type.String(),
  attempts: Type.Integer(),
  providerResponse: Type.Unknown({ description: 'What the provider answered, as it answered' }),
  error: Nullable(Type.String()),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
  sendAt: Nullable({ ...DateTime, description: 'When it goes out: when it was created, or later when a policy deferred it' }),
  deferredBy: Nullable(Type.String({ description: 'The policy rules that deferred it, e.g. quiet hours 21:00-09:00 (Asia/Shanghai)' })),
  suppressedBy: Nullable(Type.String({ description: 'For a suppressed one: the rule that stopped it, e.g. cap: sms 2 per 1d' })),
  policyReason: Nullable(PolicyReason),
  subject: Nullable(Type.String()),
  receipts: Type.Record(Type.String(), Type.String(), { description: 'When each receipt arrived, by status' }),
})

export const DeliveryList = Type.Object({ deliveries: Type.Array(Delivery) })

export const ReceiptReply = Type.Object({
  delivery: Type.String(),
  status: OneOf(DELIVERY_STATUSES, { description: 'The delivery\'s status now (a receipt never moves it backwards)' }),
  eventEmitted: Type.Boolean({ description: 'False when the same receipt came before' }),
})
