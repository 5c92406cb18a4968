import { sql } from 'kysely'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { ContactRow } from '../db/database.ts'
import { retryTransient } from '../db/retry.ts'
import { notFound } from '../errors.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { applyAttributeWrites } from '../triggers/changes/attribute-writes.ts'
import { lockContacts } from './lock-contacts.ts'

/** A contact as the API returns it. */
export interface ContactView {
  id: string
  externalId: string
  attributes: Record<string, unknown>
  tags: string[]
  ownerId: string | null
  createdAt: string
  updatedAt: string
}

export function toContactView(row: ContactRow): ContactView {
  return {
    id: row.id,
    externalId: row.external_id,
    attributes: row.attributes,
    tags: row.tags,
    ownerId: row.owner_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

/** Contacts by their external id: upsert with merged attributes, and lookups. */
export class ContactService {
  readonly #db: Db
  readonly #catalog: FlowCatalog
  readonly #clock: Clock

  constructor(db: Db, catalog: FlowCatalog, clock: Clock) {
    this.#db = db
    this.#catalog = catalog
    this.#clock = clock
  }

  /**
   * Creates or updates a contact. Attributes merge into the stored ones (a
   * `null` value removes that attribute); `tags`, when given, replace the set.
   * The contact is locked like any journey-changing write, and in the same
   * transaction its changed attributes start `trigger.change` runs and move
   * `trigger.date` moments.
   */
  upsert(externalId: string, input: { attributes?: Record<string, unknown>; tags?: string[]; ownerId?: string | null }): Promise<ContactView> {
    const attributes = input.attributes ?? {}
    const removed = Object.keys(attributes).filter((k) => attributes[k] === null)
    const tags = input.tags ? [...new Set(input.tags)] : null
    return retryTransient(() =>
      this.#db.transaction().execute(async (trx) => {
        await sql`insert into contacts (external_id) values (${externalId}) on conflict (external_id) do nothing`.execute(trx)
        const [before] = await lockContacts(trx, { externalIds: [externalId] })
        const { rows } = await sql<ContactRow>`update contacts set
              attributes = (attributes || ${JSON.stringify(attributes)}::jsonb) - ${removed}::text[],
              tags = coalesce(${tags}::text[], tags),
              owner_id = case when ${input.ownerId !== undefined} then ${input.ownerId ?? null} else owner_id end,
              updated_at = now()
            where id = ${before.id}
            returning *`.execute(trx)
        await applyAttributeWrites(trx, this.#catalog, [{ contactId: before.id, before: before.attributes, after: rows[0].attributes }], this.#clock.now())
        return toContactView(rows[0])
      }),
    )
  }

  /** Contacts whose external id starts with `q`, or whose name contains it (case-insensitive); newest first. */
  async search(q: string | undefined, limit: number): Promise<ContactView[]> {
    let query = this.#db.selectFrom('contacts').selectAll()
    if (q) {
      const like = q.replace(/[\\%_]/g, (c) => `\\${c}`)
      query = query.where((eb) => eb.or([eb('external_id', 'like', `${like}%`), eb(sql`attributes->>'name'`, 'ilike', `%${like}%`)]))
    }
    const rows = await query.orderBy('id', 'desc').limit(limit).execute()
    return rows.map(toContactView)
  }

  async get(externalId: string): Promise<ContactView> {
    const row = await this.#db.selectFrom('contacts').selectAll().where('external_id', '=', externalId).executeTakeFirst()
    if (!row) throw notFound('contact', externalId)
    return toContactView(row)
  }
}
