import { sql } from 'kysely'
import { matchesWhere, type EventCountQuery } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { countEvents, SCAN_LIMIT } from '../events/count-events.ts'

/** Rows one event name may bring back for a whole batch before the batch asks per contact instead. */
const BATCH_ROW_BUDGET = 10_000

interface PastEvent {
  properties: Record<string, unknown>
  occurred_at: Date
}

/**
 * The event history that event conditions (`branch` on "did cart_added since
 * entry") count, read once per event name for every contact of an advance
 * batch instead of once per run: a batch of 250 runs through one branch made
 * 250 round trips inside a transaction holding all their contacts' locks.
 * The first question about a name loads that name's events for all the
 * batch's contacts; later ones are answered from memory with the same rules
 * as `countEvents` (newest SCAN_LIMIT since `after`, checked by
 * `matchesWhere`). Sound because the batch holds its contacts' locks, which
 * every writer of their events takes first, and nothing in an advance writes
 * events. A name with more rows than the budget is asked per contact, as before.
 */
export class EventHistory {
  readonly #db: Db
  readonly #contactIds: string[]
  readonly #byName = new Map<string, Promise<Map<string, PastEvent[]> | undefined>>()

  constructor(db: Db, contactIds: string[]) {
    this.#db = db
    this.#contactIds = contactIds
  }

  async count(contactId: string, query: EventCountQuery): Promise<number> {
    let loading = this.#byName.get(query.name)
    if (!loading) this.#byName.set(query.name, (loading = this.#load(query.name)))
    const byContact = await loading
    if (!byContact) return countEvents(this.#db, contactId, query)
    const after = (query.after ?? new Date(0)).getTime()
    const where = query.where && Object.keys(query.where).length > 0 ? query.where : undefined
    let count = 0
    let scanned = 0
    // Newest first: the same events countEvents would read back, in the same order.
    for (const event of byContact.get(contactId) ?? []) {
      if (event.occurred_at.getTime() < after) break
      if (where && ++scanned > SCAN_LIMIT) break
      if ((!where || matchesWhere(where, event.properties)) && ++count >= query.limit) break
    }
    return count
  }

  async #load(name: string): Promise<Map<string, PastEvent[]> | undefined> {
    const { rows } = await sql<PastEvent & { contact_id: string }>`select contact_id, properties, occurred_at from events
        where contact_id = any(${this.#contactIds}::bigint[]) and name = ${name}
        order by contact_id, occurred_at desc limit ${BATCH_ROW_BUDGET + 1}`.execute(this.#db)
    if (rows.length > BATCH_ROW_BUDGET) return undefined
    const byContact = new Map<string, PastEvent[]>()
    for (const row of rows) {
      let list = byContact.get(row.contact_id)
      if (!list) byContact.set(row.contact_id, (list = []))
      list.push(row)
    }
    return byContact
  }
}
