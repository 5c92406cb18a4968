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

/** What a write of a contact says: attributes to merge (null removes one), tags to replace the set with, the owner. */
export interface ContactInput {
  attributes?: Record<string, unknown>
  tags?: string[]
  ownerId?: string | null
  /**
   * Decides the attributes to merge from the contact's attributes as they stand under its
   * lock, and whether this very write created the contact; when given, `attributes` is not
   * read. A writer that may change only some keys (the tracking API's public keys) decides
   * in the write's own transaction, so no concurrent write slips between its read and its
   * write. It may throw (a KairosError) to refuse the write.
   */
  attributesFor?: (current: Record<string, unknown>, created: boolean) => Record<string, unknown>
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
   */
  async upsert(externalId: string, input: ContactInput): Promise<ContactView> {
    const [contact] = (await this.upsertMany([{ ...input, externalId }])).contacts
    return contact
  }

  /**
   * Creates or updates many contacts (distinct external ids) in one
   * transaction, one statement per step whatever their number, with
   * `upsert`'s merge rules. The contacts are locked like any
   * journey-changing write (id order), and in the same transaction their
   * changed attributes start `trigger.change` runs and move `trigger.date`
   * moments, so an import of birthdays is scheduled as it lands.
   */
  upsertMany(inputs: Array<ContactInput & { externalId: string }>): Promise<{ contacts: ContactView[]; created: number }> {
    const externalIds = inputs.map((i) => i.externalId)
    return retryTransient(() =>
      this.#db.transaction().execute(async (trx) => {
        const { rows: created } = await sql<{ id: string }>`insert into contacts (external_id) select unnest(${externalIds}::text[])
            on conflict (external_id) do nothing returning id`.execute(trx)
        const createdIds = new Set(created.map((row) => String(row.id)))
        const before = new Map((await lockContacts(trx, { externalIds })).map((c) => [c.external_id, c]))
        const changes = inputs.map((input) => {
          const contact = before.get(input.externalId)!
          const attributes = input.attributesFor ? input.attributesFor(contact.attributes, createdIds.has(String(contact.id))) : (input.attributes ?? {})
          return {
            id: contact.id,
            attributes,
            removed: Object.keys(attributes).filter((k) => attributes[k] === null),
            tags: input.tags ? [...new Set(input.tags)] : null,
            set_owner: input.ownerId !== undefined,
            owner_id: input.ownerId ?? null,
          }
        })
        const { rows } = await sql<ContactRow>`update contacts c set
              attributes = (c.attributes || v.attributes) - array(select jsonb_array_elements_text(v.removed)),
              tags = case when v.tags is null then c.tags else array(select jsonb_array_elements_text(v.tags)) end,
              owner_id = case when v.set_owner then v.owner_id else c.owner_id end,
              updated_at = now()
            from json_to_recordset(${JSON.stringify(changes)}::json)
              as v(id bigint, attributes jsonb, removed jsonb, tags jsonb, set_owner boolean, owner_id text)
            where c.id = v.id and c.id = any(${changes.map((c) => c.id)}::bigint[])
            returning c.*`.execute(trx)
        const after = new Map(rows.map((row) => [row.external_id, row]))
        const writes = inputs.map((input) => {
          const { id, attributes } = before.get(input.externalId)!
          return { contactId: id, before: attributes, after: after.get(input.externalId)!.attributes }
        })
        await applyAttributeWrites(trx, this.#catalog, writes, this.#clock.now())
        return { contacts: inputs.map((input) => toContactView(after.get(input.externalId)!)), created: created.length }
      }),
    )
  }

  /** Contacts whose external id starts with `q`, or whose name contains it (case-insensitive); newest first. */
  /** Contacts whose external id starts with `q` or whose name contains it; `owner` keeps one rep's (a sales user's view). */
  async search(q: string | undefined, limit: number, owner: string | null = null): Promise<ContactView[]> {
    let query = this.#db.selectFrom('contacts').selectAll()
    if (owner !== null) query = query.where('owner_id', '=', owner)
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
