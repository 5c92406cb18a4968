import { Type } from 'typebox'
import { LIMIT } from './api.ts'
import { DELIVERY_STATUSES } from './delivery.ts'
import { DateTime, Nullable, OneOf } from './reply-fields.ts'
import { PolicyReason } from '../policies/policy-rule.ts'

/** A page cursor: the last message's creation time and id (contact-messages.ts). */
const MESSAGE_CURSOR = '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z~[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

export const ContactMessagesQuery = Type.Object(
  {
    limit: LIMIT,
    before: Type.Optional(Type.String({ pattern: MESSAGE_CURSOR, description: 'The nextBefore of the previous page' })),
  },
  { additionalProperties: false },
)

/** One message to the contact, where it came from, and why it was held back. */
export const ContactMessage = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  category: OneOf(['marketing', 'transactional']),
  provider: Type.String({ description: 'The channel it went through, http (the default SMS provider) or outbox' }),
  to: Type.String(),
  subject: Nullable(Type.String()),
  body: Type.String({ description: 'The text as rendered for the contact' }),
  status: OneOf(DELIVERY_STATUSES),
  journey: Nullable(Type.Object({ flowId: Type.String(), name: Nullable(Type.String()), runId: Nullable(Type.String()) })),
  node: Nullable(Type.Object({ id: Type.String(), label: Nullable(Type.String()), type: Nullable(Type.String()) })),
  createdAt: DateTime,
  sendAt: Nullable({ ...DateTime, description: 'When it goes (or went) out: its creation, or later when a policy deferred it' }),
  sentAt: Nullable(DateTime),
  receipts: Type.Record(Type.String(), Type.String(), { description: 'When each receipt arrived, by status (delivered, read, clicked)' }),
  deferredBy: Nullable(Type.String({ description: 'The policy rules that held it back, e.g. quiet hours 21:00-09:00 (Asia/Shanghai)' })),
  suppressedBy: Nullable(Type.String({ description: 'For a suppressed one: the rule that stopped it, e.g. cap: sms 2 per 1d' })),
  policyReason: Nullable(PolicyReason),
  error: Nullable(Type.String({ description: "For a failed one: the provider's error" })),
  explanation: Nullable(
    Type.String({ description: 'Why it was held back or not sent, in words: "not sent: at most 2 marketing SMS per 1d"; null when nothing held it back' }),
  ),
})

export const ContactMessagePage = Type.Object({
  contact: Type.String({ description: 'External id' }),
  messages: Type.Array(ContactMessage, { description: 'Newest first' }),
  nextBefore: Nullable(Type.String({ description: 'Pass as before for the next page; null on the last' })),
})
