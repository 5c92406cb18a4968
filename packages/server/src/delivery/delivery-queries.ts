import type { Db } from '../db/connect.ts'
import type { DeliveryRow } from '../db/database.ts'
import { readPolicyReason, type PolicyReason } from '../policies/policy-rule.ts'

/** A delivery as the API returns it: the outbox row. */
export interface DeliveryView {
  id: string
  channel: string
  category: string
  provider: string
  to: string
  body: string
  status: string
  contact: string
  flowId: string | null
  runId: string | null
  node: string | null
  idempotencyKey: string
  attempts: number
  providerResponse: unknown
  error: string | null
  createdAt: string
  sentAt: string | null
  sendAt: string | null
  deferredBy: string | null
  suppressedBy: string | null
  /** `deferredBy` / `suppressedBy` as data (policy-rule.ts); null on rows older than migration 0030. */
  policyReason: PolicyReason | null
  subject: string | null
  receipts: Record<string, string>
}

export interface DeliveryFilter {
  contact?: string
  flow?: string
  channel?: string
  status?: string
  run?: string
  limit: number
}

function toDeliveryView(row: DeliveryRow & { external_id: string }): DeliveryView {
  return {
    id: row.id,
    channel: row.channel,
    category: row.category,
    provider: row.provider,
    to: row.recipient,
    body: row.body,
    status: row.status,
    contact: row.external_id,
    flowId: row.flow_id,
    runId: row.run_id,
    node: row.node_id,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    providerResponse: row.provider_response,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
    sendAt: row.send_at ? row.send_at.toISOString() : null,
    deferredBy: row.deferred_by,
    suppressedBy: row.status === 'suppressed' ? row.error : null,
    policyReason: readPolicyReason(row.policy_reason),
    subject: row.subject,
    receipts: row.receipts,
  }
}

/** Read side of the outbox. */
export class DeliveryQueries {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  /** One delivery as the list shows it, or undefined. */
  async get(id: string): Promise<DeliveryView | undefined> {
    const row = await this.#withContact().where('deliveries.id', '=', id).executeTakeFirst()
    return row ? toDeliveryView(row) : undefined
  }

  async list(filter: DeliveryFilter): Promise<DeliveryView[]> {
    let query = this.#withContact()
    if (filter.contact) query = query.where('contacts.external_id', '=', filter.contact)
    if (filter.flow) query = query.where('deliveries.flow_id', '=', filter.flow)
    if (filter.channel) query = query.where('deliveries.channel', '=', filter.channel)
    if (filter.status) query = query.where('deliveries.status', '=', filter.status)
    if (filter.run) query = query.where('deliveries.run_id', '=', filter.run)
    const rows = await query.orderBy('deliveries.created_at', 'desc').orderBy('deliveries.id').limit(filter.limit).execute()
    return rows.map(toDeliveryView)
  }

  #withContact() {
    return this.#db.selectFrom('deliveries').innerJoin('contacts', 'contacts.id', 'deliveries.contact_id').selectAll('deliveries').select('contacts.external_id')
  }
}
