import type { CompiledFlow } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'

/** A flow as a scheduled trigger finds it when its time comes. */
export interface LiveFlow {
  flowId: string
  status: 'draft' | 'active' | 'paused' | 'archived'
  version: number
  flow: CompiledFlow
}

/**
 * The flow's published version, compiled, read through the caller's
 * transaction (`for share` when asked, so a pause or publish waits for the
 * batch entering contacts to commit, and the batch sees the flow as it is).
 * Null when the flow is gone or was never published.
 */
export async function liveFlow(trx: Db, catalog: FlowCatalog, flowId: string, options: { lock?: boolean } = {}): Promise<LiveFlow | null> {
  let query = trx.selectFrom('flows').select(['status', 'published_version']).where('id', '=', flowId)
  if (options.lock) query = query.forShare()
  const row = await query.executeTakeFirst()
  if (!row || row.published_version === null) return null
  return { flowId, status: row.status as LiveFlow['status'], version: row.published_version, flow: await catalog.get(flowId, row.published_version, trx) }
}
