import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { KairosError, notFound } from '../errors.ts'
import { explainDelivery } from './explain-delivery.ts'
import { readPolicyReason, type PolicyReason } from '../policies/policy-rule.ts'

/** One message to the contact, with where it came from and why it was held back, as `GET /api/contacts/:id/messages` returns it. */
export interface ContactMessage {
  id: string
  channel: string
  category: string
  provider: string
  to: string
  subject: string | null
  body: string
  status: string
  journey: { flowId: string; name: string | null; runId: string | null } | null
  node: { id: string; label: string | null; type: string | null } | null
  createdAt: string
  sendAt: string | null
  sentAt: string | null
  /** When each receipt came, by status (delivered, read, clicked). */
  receipts: Record<string, string>
  deferredBy: string | null
  suppressedBy: string | null
  /** Why it was deferred or not sent as data, for wording in the reader's language; null on rows older than migration 0030. */
  policyReason: PolicyReason | null
  error: string | null
  /** "held until 2027-03-03 09:00 Asia/Shanghai by quiet hours 21:00–09:00", "not sent: at most 2 marketing SMS per 1d"; null when nothing held it back. */
  explanation: string | null
}

/** A page of messages, newest first; `nextBefore` asks for the next page (null on the last). */
export interface ContactMessagePage {
  contact: string
  messages: ContactMessage[]
  nextBefore: string | null
}

interface Row {
  id: string
  channel: string
  category: string
  provider: string
  recipient: string
  subject: string | null
  body: string
  status: string
  flow_id: string | null
  flow_name: string | null
  run_id: string | null
  node_id: string | null
  node_label: string | null
  node_type: string | null
  created_at: Date
  send_at: Date | null
  sent_at: Date | null
  receipts: Record<string, string>
  deferred_by: string | null
  error: string | null
  policy_reason: unknown
  contact_zone: string | null
}

/** The cursor of a page: the last message's creation time and id, as `<ISO time>~<uuid>`. */
const cursorOf = (row: Row) => `${row.created_at.toISOString()}~${row.id}`

function toMessage(row: Row): ContactMessage {
  const suppressed = row.status === 'suppressed'
  const reason = readPolicyReason(row.policy_reason)
  return {
    id: row.id,
    channel: row.channel,
    category: row.category,
    provider: row.provider,
    to: row.recipient,
    subject: row.subject,
    body: row.body,
    status: row.status,
    journey: row.flow_id ? { flowId: row.flow_id, name: row.flow_name, runId: row.run_id } : null,
    node: row.node_id ? { id: row.node_id, label: row.node_label, type: row.node_type } : null,
    createdAt: row.created_at.toISOString(),
    sendAt: row.send_at?.toISOString() ?? null,
    sentAt: row.sent_at?.toISOString() ?? null,
    receipts: row.receipts ?? {},
    deferredBy: row.deferred_by,
    suppressedBy: suppressed ? row.error : null,
    policyReason: reason,
    error: suppressed ? null : row.error,
    explanation: explainDelivery({ status: row.status, sendAt: row.send_at, deferredBy: row.deferred_by, error: row.error, reason, contactZone: row.contact_zone }),
  }
}

/**
 * Every message to a contact, newest first (by creation, then id), `limit` a
 * page. The node's label and type come from the flow version its run is on
 * (the journey as it was when the message was sent), else from the flow's
 * current graph. `owner`: a sales user's rep id; another rep's contact is not found.
 */
export async function contactMessages(db: Db, externalId: string, page: { limit: number; before?: string; owner: string | null }): Promise<ContactMessagePage> {
  const contact = await db.selectFrom('contacts').select(['id', 'owner_id', sql<string | null>`attributes->>'timezone'`.as('timezone')]).where('external_id', '=', externalId).executeTakeFirst()
  if (!contact || (page.owner !== null && contact.owner_id !== page.owner)) throw notFound('contact', externalId)
  const [beforeTime, beforeId] = page.before ? page.before.split('~') : []
  // The schema checks the cursor's shape; a time of that shape may still be no real time (month 69, 30 February).
  const before = beforeTime === undefined ? undefined : new Date(beforeTime)
  if (before && (Number.isNaN(before.getTime()) || before.getTime() < 0 || before.toISOString() !== beforeTime))
    throw new KairosError('KAIROS_VALIDATION', 'querystring.before is not a cursor this list gave', [{ field: 'querystring.before', message: 'is not a nextBefore of this list' }])
  const contactZone = contact.timezone
  const { rows } = await sql<Row>`select d.id, d.channel, d.category, d.provider, d.recipient, d.subject, d.body, d.status, d.flow_id,
        f.name as flow_name, d.run_id::text as run_id, d.node_id, node.label as node_label, node.type as node_type, d.created_at, d.send_at,
        d.sent_at, d.receipts, d.deferred_by, d.error, d.policy_reason, ${contactZone}::text as contact_zone
      from deliveries d
      left join flows f on f.id = d.flow_id
      left join runs r on r.id = d.run_id
      left join flow_versions v on v.flow_id = r.flow_id and v.version = r.flow_version
      left join lateral (select n->>'label' as label, n->>'type' as type from jsonb_array_elements(coalesce(v.graph, f.graph)->'nodes') n
        where n->>'id' = d.node_id limit 1) node on true
      where d.contact_id = ${contact.id}
        ${before ? sql`and (d.created_at, d.id) < (${before}::timestamptz, ${beforeId}::uuid)` : sql``}
      order by d.created_at desc, d.id desc
      limit ${page.limit + 1}`.execute(db)
  const more = rows.length > page.limit
  const shown = more ? rows.slice(0, page.limit) : rows
  return { contact: externalId, messages: shown.map(toMessage), nextBefore: more ? cursorOf(shown.at(-1)!) : null }
}
