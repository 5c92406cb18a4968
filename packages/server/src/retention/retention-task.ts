import type { Task } from 'graphile-worker'
import type { Db } from '../db/connect.ts'
import type { Clock } from '@kairos/sdk'
import { pruneHistory } from './prune-history.ts'
import { queueRetention, RETENTION_EVERY_MS } from './retention-jobs.ts'
import { KEEP_FOREVER, type RetentionSettings } from './retention-settings.ts'

/**
 * The daily retention pass. A pass that runs out of its time budget (a first
 * pass over years of history) queues the rest at once, so no job runs for
 * long, a shutdown interrupts little and other jobs get the worker in
 * between; a finished pass queues the next one a day later.
 */
export function retentionTask(deps: { db: Db; clock: Clock }, settings: RetentionSettings = KEEP_FOREVER): Task {
  return async (_payload, helpers) => {
    const result = await pruneHistory(deps.db, { settings, now: deps.clock.now() })
    const total = Object.values(result.deleted).reduce((a, b) => a + b, 0)
    if (total > 0) helpers.logger.info(`retention: deleted ${JSON.stringify(result.deleted)}${result.done ? '' : ', more to go'}`)
    const now = deps.clock.now()
    await queueRetention(deps.db, result.done ? new Date(now.getTime() + RETENTION_EVERY_MS) : now, false)
  }
}
