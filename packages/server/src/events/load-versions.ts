import type { CompiledFlow } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'

/**
 * The compiled flow versions an event batch touches, by `flow@version`, and those this process
 * cannot load: a version naming a node type whose plugin it lacks, or a stored graph today's
 * schema refuses. Ingestion must go on for every other contact and flow; the advance path fails
 * the runs of an unloadable version, one by one, with the reason.
 */
export async function loadVersions(
  catalog: FlowCatalog,
  versions: Array<{ flow_id: string; version: number }>,
  trx: Db,
): Promise<{ flows: Map<string, CompiledFlow>; unloadable: Set<string> }> {
  const flows = new Map<string, CompiledFlow>()
  const unloadable = new Set<string>()
  for (const { flow_id, version } of versions) {
    const key = `${flow_id}@${version}`
    if (flows.has(key) || unloadable.has(key)) continue
    try {
      flows.set(key, await catalog.get(flow_id, version, trx))
    } catch {
      unloadable.add(key)
    }
  }
  return { flows, unloadable }
}
