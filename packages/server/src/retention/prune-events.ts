import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** Events examined per pruning transaction. */
export const EVENTS_PER_BATCH = 5000

/**
 * Deletes, among the next EVENTS_PER_BATCH events after id `after`, those
 * that both happened (`occurred_at`, what conditions' windows read) and were
 * received before `cutoff`, unless their contact has a run still in progress
 * (a run waiting for months may yet ask "ordered since entry?"). Events are walked in
 * id order, which is the order they were received, so the walk stops at the
 * first page that reaches the cutoff; kept events are looked at again next
 * time, when their contact's runs may have ended. Returns where to go on from,
 * or `next: null` when done.
 */
export async function pruneEventsBatch(trx: Db, cutoff: Date, after: string): Promise<{ next: string | null; rows: number }> {
  const { rows } = await sql<{ last: string | null; reached: boolean | null; deleted: number }>`with page as (
      select id, contact_id, occurred_at, received_at from events where id > ${after}::bigint order by id limit ${EVENTS_PER_BATCH}),
    gone as (
      delete from events e using page p
      where e.id = p.id and p.occurred_at < ${cutoff} and p.received_at < ${cutoff}
        and not exists (select 1 from runs r where r.contact_id = p.contact_id and r.status in ('running', 'waiting'))
      returning e.id)
    select (select max(id) from page)::text as last, (select bool_or(received_at >= ${cutoff}) from page) as reached,
      (select count(*) from gone)::int as deleted`.execute(trx)
  const { last, reached, deleted } = rows[0]
  return { next: last === null || reached ? null : last, rows: deleted }
}
