import { sql } from 'kysely'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { retryTransient } from '../db/retry.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { ingestInTransaction, type IncomingEvent } from '../events/ingest-events.ts'
import { checkHeldTraits } from './public-traits.ts'

/** An event of a visitor known only by an anonymous id, in arrival order within its request. */
export interface AnonymousEvent {
  anonymousId: string
  name: string
  properties: Record<string, unknown>
  messageId?: string
  occurredAt: string
}

/**
 * The external ids of the contacts the visitors an upsert returned are linked to (anonymous id →
 * external id). Read by a statement of its own, after the upsert: an upsert that waited for a
 * visitor's lock held by `merge` returns the link merge made, but a join in that statement would
 * read contacts as they were when it began, without the contact merge created, and take the
 * visitor for one not yet linked.
 */
async function externalIds(db: Db, visitors: Array<{ anonymous_id: string; contact_id: string | null }>): Promise<Map<string, string>> {
  const linked = visitors.filter((v) => v.contact_id !== null)
  if (linked.length === 0) return new Map()
  const { rows } = await sql<{ id: string; external_id: string }>`select id, external_id from contacts
      where id = any(${linked.map((v) => v.contact_id)}::bigint[])`.execute(db)
  const byId = new Map(rows.map((r) => [String(r.id), r.external_id]))
  return new Map(linked.flatMap((v) => (byId.has(String(v.contact_id)) ? [[v.anonymous_id, byId.get(String(v.contact_id))!]] : [])))
}

/** Visitors never identified are forgotten, with their held events, this long after they were last seen. */
export const ANONYMOUS_RETENTION_DAYS = 30
/** The pruning of forgotten visitors runs at most this often per process, and deletes at most PRUNE_BATCH at a time. */
const PRUNE_EVERY_MS = 60_000
const PRUNE_BATCH = 1000

/** What the visitors' store reads and writes through: the database, the flows (for ingesting moved events) and the clock. */
export interface AnonymousVisitorDeps {
  db: Db
  catalog: FlowCatalog
  clock: Clock
}

/**
 * Website visitors known by the anonymous id the browser made up, and the events they sent
 * before any identify call named them (see docs/decisions.md, "anonymous visitors"). Their
 * events are held, not stored as a contact's: no contact row, no journey, nothing a segment
 * or a schedule sees, until `merge` moves them into the identified contact through the
 * ordinary ingestion. Once linked, a visitor's later anonymous events go to the contact.
 *
 * Every write to a visitor takes its row lock first (the insert of `hold`, the FOR UPDATE of
 * `merge`), so an event held while the visitor is being identified is either seen by that
 * merge or, arriving after it, sent to the contact: none is stranded.
 */
export class AnonymousVisitors {
  readonly #deps: AnonymousVisitorDeps
  #prunedAt = 0

  constructor(deps: AnonymousVisitorDeps) {
    this.#deps = deps
  }

  /**
   * Holds the events of visitors not yet identified, and returns the visitors already linked
   * to a contact (anonymous id → the contact's external id): their events are the caller's
   * to ingest. A repeated messageId is accepted and ignored, as ingestion does.
   */
  async hold(events: AnonymousEvent[]): Promise<Map<string, string>> {
    if (events.length === 0) return new Map()
    await this.#pruneIfDue()
    const now = this.#deps.clock.now().toISOString()
    const ids = [...new Set(events.map((e) => e.anonymousId))].sort()
    return retryTransient(() =>
      this.#deps.db.transaction().execute(async (trx) => {
        // The upsert locks each visitor row, in id order (no deadlock between two such batches).
        const { rows } = await sql<{ anonymous_id: string; contact_id: string | null }>`
            insert into anonymous_visitors (anonymous_id, created_at, last_seen_at) select unnest(${ids}::text[]), ${now}, ${now}
            on conflict (anonymous_id) do update set last_seen_at = excluded.last_seen_at
            returning anonymous_id, contact_id`.execute(trx)
        const linked = await externalIds(trx, rows)
        const held = events.flatMap((e, ord) => (linked.has(e.anonymousId) ? [] : [{ ord, anonymous_id: e.anonymousId, name: e.name, properties: e.properties, message_id: e.messageId ?? null, occurred_at: e.occurredAt }]))
        if (held.length > 0)
          await sql`insert into anonymous_events (anonymous_id, name, properties, message_id, occurred_at, received_at)
              select anonymous_id, name, properties, message_id, occurred_at, ${now} from json_to_recordset(${JSON.stringify(held)}::json)
                as e(ord int, anonymous_id text, name text, properties jsonb, message_id text, occurred_at timestamptz)
              order by ord
              on conflict (message_id) where message_id is not null do nothing`.execute(trx)
        return linked
      }),
    )
  }

  /**
   * Records traits from an identify call that names no user yet. Returns the contact's
   * external id when the visitor is already linked (the caller upserts the contact with them
   * instead), else merges them into the visitor's held traits and returns undefined. Held
   * traits past HELD_TRAITS_BYTES are refused, naming `field` (body.traits), and nothing is kept.
   */
  async holdTraits(anonymousId: string, traits: Record<string, unknown>, field: string): Promise<string | undefined> {
    const now = this.#deps.clock.now().toISOString()
    return retryTransient(() =>
      this.#deps.db.transaction().execute(async (trx) => {
        // The upsert locks the visitor's row, so two identify calls cannot both pass the cap.
        const { rows } = await sql<{ anonymous_id: string; contact_id: string | null; traits: Record<string, unknown> }>`
            insert into anonymous_visitors (anonymous_id, created_at, last_seen_at) values (${anonymousId}, ${now}, ${now})
            on conflict (anonymous_id) do update set last_seen_at = excluded.last_seen_at
            returning anonymous_id, contact_id, traits`.execute(trx)
        const linked = (await externalIds(trx, rows)).get(anonymousId)
        if (linked !== undefined || rows[0].contact_id !== null) return linked
        const held = { ...rows[0].traits, ...traits }
        checkHeldTraits(held, field)
        await sql`update anonymous_visitors set traits = ${JSON.stringify(held)}::jsonb where anonymous_id = ${anonymousId}`.execute(trx)
        return undefined
      }),
    )
  }

  /** The traits a visitor not yet linked has sent, for the identify that names them; {} for a linked or unknown one. */
  async heldTraits(anonymousId: string): Promise<Record<string, unknown>> {
    const row = await sql<{ traits: Record<string, unknown> }>`select traits from anonymous_visitors
        where anonymous_id = ${anonymousId} and contact_id is null`.execute(this.#deps.db)
    return row.rows[0]?.traits ?? {}
  }

  /** Of these anonymous ids, those of visitors seen before and not linked to any contact yet. */
  async unlinked(anonymousIds: string[]): Promise<Set<string>> {
    if (anonymousIds.length === 0) return new Set()
    const { rows } = await sql<{ anonymous_id: string }>`select anonymous_id from anonymous_visitors
        where anonymous_id = any(${anonymousIds}::text[]) and contact_id is null`.execute(this.#deps.db)
    return new Set(rows.map((r) => r.anonymous_id))
  }

  /**
   * Links the visitor to the contact `externalId` (created if unknown) and moves the visitor's
   * held events into the contact's, through the ordinary ingestion in the same transaction:
   * they start and resume journeys as if they had been sent with the userId, each at its own
   * time. Repeating it is harmless: nothing is left to move, and the link stays. A visitor
   * identified earlier as someone else is linked to this contact from now on (the browser's
   * latest user); the events already moved stay with the first.
   */
  async merge(anonymousId: string, externalId: string): Promise<{ moved: number }> {
    const now = this.#deps.clock.now().toISOString()
    return retryTransient(() =>
      this.#deps.db.transaction().execute(async (trx) => {
        await sql`insert into anonymous_visitors (anonymous_id, created_at, last_seen_at) values (${anonymousId}, ${now}, ${now})
            on conflict (anonymous_id) do nothing`.execute(trx)
        await sql`select 1 from anonymous_visitors where anonymous_id = ${anonymousId} for update`.execute(trx)
        await sql`insert into contacts (external_id) values (${externalId}) on conflict (external_id) do nothing`.execute(trx)
        await sql`update anonymous_visitors v set contact_id = c.id, traits = '{}', last_seen_at = ${now},
              identified_at = case when v.contact_id = c.id then v.identified_at else ${now}::timestamptz end
            from contacts c where c.external_id = ${externalId} and v.anonymous_id = ${anonymousId}`.execute(trx)
        const { rows } = await sql<{ id: string; name: string; properties: Record<string, unknown>; message_id: string | null; occurred_at: Date }>`
            delete from anonymous_events where anonymous_id = ${anonymousId}
            returning id, name, properties, message_id, occurred_at`.execute(trx)
        if (rows.length === 0) return { moved: 0 }
        rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))
        const events: IncomingEvent[] = rows.map((r) => ({
          contact: externalId, name: r.name, properties: r.properties, id: r.message_id ?? undefined, occurredAt: r.occurred_at.toISOString(),
        }))
        const result = await ingestInTransaction(trx, this.#deps, events)
        return { moved: result.accepted }
      }),
    )
  }

  /** Forgets visitors never identified and not seen for ANONYMOUS_RETENTION_DAYS (their held events go with them). */
  async #pruneIfDue(): Promise<void> {
    const now = this.#deps.clock.now()
    if (now.getTime() - this.#prunedAt < PRUNE_EVERY_MS) return
    this.#prunedAt = now.getTime()
    const before = new Date(now.getTime() - ANONYMOUS_RETENTION_DAYS * 86_400_000).toISOString()
    await sql`delete from anonymous_visitors where anonymous_id in (
        select anonymous_id from anonymous_visitors where contact_id is null and last_seen_at < ${before} limit ${PRUNE_BATCH})`.execute(this.#deps.db)
  }
}
