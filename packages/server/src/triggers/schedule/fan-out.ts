import { sql, type SqlBool } from 'kysely'
import type { Condition, EventSnapshot } from '@kairos/sdk'
import type { Db } from '../../db/connect.ts'
import { retryTransient } from '../../db/retry.ts'
import { lockContacts } from '../../contacts/lock-contacts.ts'
import { conditionSql } from '../../segments/condition-sql.ts'
import { enterContacts } from '../enter-contacts.ts'
import { liveFlow } from '../live-trigger.ts'
import type { TriggerDeps } from './run-tick.ts'

/** Contacts enrolled per transaction: big enough for bulk statements, small enough to commit in well under a second. */
export const FANOUT_BATCH = 1000

/**
 * Enrolls a tick's audience, one short transaction per batch of contacts in
 * id order. Each batch locks the tick row, so two workers on the same tick
 * take turns; it enrolls the next contacts after the tick's cursor and moves
 * the cursor in the same commit. A worker dying half-way leaves the cursor at
 * the last committed batch, and the retried job carries on from there: no
 * contact is entered twice, none is skipped.
 */
export async function fanOut(deps: TriggerDeps, tickId: string, options: FanOutOptions = {}): Promise<void> {
  const batchSize = options.batchSize ?? FANOUT_BATCH
  for (let more = true; more; ) {
    const started = performance.now()
    try {
      more = await retryTransient(() => deps.db.transaction().execute((trx) => enrollBatch(trx, deps, tickId, batchSize)))
    } catch (error) {
      // An audience Postgres cannot evaluate (a data or syntax error) will not get better by retrying: say so on the tick.
      const code = (error as { code?: string }).code ?? ''
      if (!code.startsWith('22') && !code.startsWith('42')) throw error
      await deps.db.updateTable('schedule_ticks').set({ status: 'failed', reason: `audience could not be evaluated: ${(error as Error).message}`, finished_at: deps.clock.now() })
        .where('id', '=', tickId).where('status', '=', 'running').execute()
      return
    }
    options.onBatch?.(performance.now() - started)
  }
}

export interface FanOutOptions {
  batchSize?: number
  /** Called after each batch's transaction, with how long it took (benchmarks). */
  onBatch?: (ms: number) => void
}

/**
 * Enrolls one batch in the caller's transaction, on `deps.clock`'s time; true
 * when more contacts may follow. `among` limits the audience to those
 * contacts (a journey simulation's copies); default every contact.
 */
export async function enrollBatch(trx: Db, deps: TriggerDeps, tickId: string, batchSize: number, among?: readonly string[]): Promise<boolean> {
  const tick = await trx.selectFrom('schedule_ticks').selectAll().where('id', '=', tickId).forUpdate().executeTakeFirst()
  if (!tick || tick.status !== 'running') return false
  const now = deps.clock.now()
  const finish = async (status: 'done' | 'stopped', reason: string | null = null) => {
    await trx.updateTable('schedule_ticks').set({ status, reason, finished_at: now }).where('id', '=', tickId).execute()
    return false
  }
  // Pausing stops a tick between batches; the flow row is shared-locked so a pause waits for this batch, not the other way round.
  const live = await liveFlow(trx, deps.catalog, tick.flow_id, { lock: true })
  if (!live || live.status !== 'active') return finish('stopped', `the flow was ${live?.status ?? 'deleted'} during the tick`)
  if (!live.flow.scheduleTriggers.some((t) => t.nodeId === tick.node_id))
    return finish('stopped', `version ${live.version} no longer has trigger ${tick.node_id}`)

  const candidates = await trx
    .selectFrom('contacts as c')
    .select('c.id')
    .where('c.id', '>', tick.cursor)
    .$if(among !== undefined, (query) => query.where('c.id', '=', sql<string>`any(${among}::bigint[])`))
    .where(tick.audience === null ? sql<SqlBool>`true` : conditionSql(tick.audience as Condition, { now: tick.tick_at }))
    .orderBy('c.id')
    .limit(batchSize)
    .execute()
  const ids = candidates.map((c) => c.id)
  await lockContacts(trx, { ids })
  const trigger: EventSnapshot = {
    id: `tick:${tickId}`,
    name: 'schedule.tick',
    properties: { node: tick.node_id, tickAt: tick.tick_at.toISOString() },
    occurredAt: tick.tick_at.toISOString(),
  }
  const entered = await enterContacts(trx, { flowId: tick.flow_id, version: live.version, nodeId: tick.node_id, flow: live.flow }, ids.map((contactId) => ({ contactId, trigger })), now)
  const done = ids.length < batchSize
  await trx
    .updateTable('schedule_ticks')
    .set((eb) => ({
      cursor: ids.at(-1) ?? tick.cursor,
      entered: eb('entered', '+', entered.length),
      not_entered: eb('not_entered', '+', ids.length - entered.length),
      ...(done ? { status: 'done' as const, finished_at: now } : {}),
    }))
    .where('id', '=', tickId)
    .execute()
  return !done
}
