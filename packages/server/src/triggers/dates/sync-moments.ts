import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { retryTransient } from '../../db/retry.ts'
import { lockContacts } from '../../contacts/lock-contacts.ts'
import { liveFlow } from '../live-trigger.ts'
import type { TriggerDeps } from '../schedule/run-tick.ts'
import { attributeKey, refreshMoments } from './refresh-moments.ts'

/** Contacts computed per transaction when a version is published. */
export const SYNC_BATCH = 2000

/**
 * Computes every contact's next moment for the date triggers of a newly
 * published version, in batches of contacts (locked, like any write of
 * theirs) with one short transaction each. Moments of trigger nodes the
 * version dropped are removed first. Stops if a newer version was published
 * meanwhile: that version's own sync takes over. Safe to run again after a
 * crash: it recomputes, and keeps what already fired.
 */
export async function syncMoments(deps: TriggerDeps, flowId: string, version: number): Promise<void> {
  let cursor = '0'
  for (let first = true; ; first = false) {
    const next = await retryTransient(() => deps.db.transaction().execute((trx) => syncBatch(trx, deps, flowId, version, cursor, first)))
    if (next === null) return
    cursor = next
  }
}

/** One batch; the cursor to go on from, or null when done. */
async function syncBatch(trx: Db, deps: TriggerDeps, flowId: string, version: number, cursor: string, first: boolean): Promise<string | null> {
  const live = await liveFlow(trx, deps.catalog, flowId)
  if (!live || live.version !== version || live.status === 'archived') return null
  const triggers = live.flow.dateTriggers
  if (first) {
    const kept = triggers.map((t) => t.nodeId)
    await sql`delete from date_trigger_moments where flow_id = ${flowId} and node_id <> all(${kept}::text[])`.execute(trx)
  }
  if (triggers.length === 0) return null
  const keys = [...new Set(triggers.map((t) => attributeKey(t.attribute)))]
  const { rows } = await sql<{ id: string }>`select id from contacts where id > ${cursor} and attributes ?| ${keys}::text[]
      order by id limit ${SYNC_BATCH}`.execute(trx)
  if (rows.length === 0) return null
  const contacts = await lockContacts(trx, { ids: rows.map((r) => r.id) })
  const now = deps.clock.now()
  for (const trigger of triggers) await refreshMoments(trx, { flowId, flow: live.flow, trigger }, contacts, now)
  return rows.length < SYNC_BATCH ? null : rows[rows.length - 1].id
}
