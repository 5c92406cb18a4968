import type { CompiledFlow, FlowGraph, NodeRegistry } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { KairosError, notFound } from '../errors.ts'
import { compileVersion } from '../flows/compile-version.ts'
import type { ChannelKinds } from '../flows/channel-problems.ts'
import { FlowCatalog } from '../flows/flow-catalog.ts'
import { writeVersionHooks } from '../triggers/publish-triggers.ts'

/** The flow a simulation runs: a live copy of the version (or draft) asked for, made inside its transaction. */
export interface ScratchFlow {
  /** The copy's id: its runs, deliveries and moments carry it, so the simulation finds its own rows by it. */
  id: string
  /** The real flow's id. */
  flowId: string
  /** The version number the copy runs as: the one asked for, or the one the draft would get. */
  version: number
  draft: boolean
  graph: FlowGraph
  compiled: CompiledFlow
  /** Compiled versions read through the simulation's transaction, the copy's among them. */
  catalog: FlowCatalog
}

/**
 * Makes the flow to simulate, in the simulation's transaction: the draft
 * compiled as publishing would (every problem refused, by node and field), or
 * a published version; stored as a new active flow with that one version and
 * its hooks, as a publish leaves it. A copy rather than the flow itself, so
 * that nothing of the real flow row is written or locked while the simulation
 * runs, and nothing that listens to the real flow (its live runs, the editor's
 * counters) sees the simulated ones.
 */
export async function scratchFlow(trx: Db, flowId: string, source: { draft: true } | { version: number }, registry: NodeRegistry, channelKinds?: ChannelKinds): Promise<ScratchFlow> {
  const flow = await trx.selectFrom('flows').select(['name', 'graph', 'published_version']).where('id', '=', flowId).executeTakeFirst()
  if (!flow) throw notFound('flow', flowId)
  const catalog = new FlowCatalog(trx, registry)
  let version: number
  let graph: FlowGraph
  let compiled: CompiledFlow
  if ('draft' in source) {
    ;({ graph, compiled } = await compileVersion(trx, flow.graph, registry, channelKinds))
    version = (flow.published_version ?? 0) + 1
  } else {
    const row = await trx.selectFrom('flow_versions').select('graph').where('flow_id', '=', flowId).where('version', '=', source.version).executeTakeFirst()
    if (!row)
      throw new KairosError('KAIROS_VALIDATION', `body.version: flow ${flowId} has no version ${source.version}`, [
        { field: 'body.version', message: `flow has no version ${source.version} (published: ${flow.published_version ?? 'none'})` },
      ])
    version = source.version
    graph = row.graph as FlowGraph
    try {
      compiled = await catalog.get(flowId, version)
    } catch (error) {
      // A node type this process lacks, or a stored graph that no longer reads: the version cannot run here.
      throw new KairosError('KAIROS_CONFLICT', `version ${version} cannot be simulated: ${(error as Error).message}`, [
        { field: 'body.version', message: (error as Error).message },
      ])
    }
  }
  const copy = await trx
    .insertInto('flows')
    .values({ name: `simulation of ${flow.name}`.slice(0, 200), status: 'active', graph: JSON.stringify(graph), published_version: version })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx.insertInto('flow_versions').values({ flow_id: copy.id, version, graph: JSON.stringify(graph), published_by: 'simulation' }).execute()
  await writeVersionHooks(trx, copy.id, version, compiled)
  catalog.prime(copy.id, version, compiled)
  return { id: copy.id, flowId, version, draft: 'draft' in source, graph, compiled, catalog }
}
