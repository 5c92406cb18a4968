import { effectOutput } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'

/**
 * The settled effects of a run as templates read them, `effects.<node id>`:
 * each node's last settled effect as its step output shows it
 * (`effectOutput`: `{ effect, name, status, attempts, response | result, error? }`).
 */
export async function effectResultsOf(db: Db, runId: string): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('effects')
    .select(['id', 'node_id', 'kind', 'name', 'status', 'attempts', 'result', 'error'])
    .where('run_id', '=', runId)
    .where('status', 'in', ['done', 'failed'])
    .orderBy('settled_at')
    .execute()
  const scope: Record<string, unknown> = {}
  for (const row of rows) scope[row.node_id] = effectOutput({ ...row, result: row.result ?? undefined })
  return scope
}
