import type { Db } from '../db/connect.ts'

/**
 * Locks contacts, always in id order and FOR NO KEY UPDATE, and returns them.
 * Every transaction that changes a contact's journeys (event ingestion, run
 * batches) takes these locks first, so per contact they run one after the
 * other and cannot deadlock. NO KEY UPDATE does not conflict with the KEY
 * SHARE lock an event insert takes through its foreign key.
 */
export async function lockContacts(trx: Db, by: { ids?: string[]; externalIds?: string[]; ofRuns?: string[] }) {
  let query = trx.selectFrom('contacts').selectAll()
  if (by.ids) query = query.where('id', 'in', by.ids.length > 0 ? by.ids : ['0'])
  // A run's contact never changes, so its runs name the contacts to lock in the same statement.
  if (by.ofRuns) query = query.where('id', 'in', (runs) => runs.selectFrom('runs').select('contact_id').where('id', 'in', by.ofRuns!.length > 0 ? by.ofRuns! : ['0']))
  if (by.externalIds) query = query.where('external_id', 'in', by.externalIds.length > 0 ? by.externalIds : [''])
  return query.orderBy('id').forNoKeyUpdate().execute()
}

/** As `lockContacts`, by external id, returning only the ids (ingestion needs no more, and reads no attributes). */
export async function lockContactIds(trx: Db, externalIds: string[]): Promise<Array<{ id: string; external_id: string }>> {
  return trx
    .selectFrom('contacts')
    .select(['id', 'external_id'])
    .where('external_id', 'in', externalIds.length > 0 ? externalIds : [''])
    .orderBy('id')
    .forNoKeyUpdate()
    .execute()
}
