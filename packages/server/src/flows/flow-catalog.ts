import { compileFlow, type CompiledFlow, type FlowGraph, type NodeRegistry } from '@kairos/engine'
import type { Db } from '../db/connect.ts'

/**
 * Compiled flow versions, loaded on first use. Versions are immutable once
 * published, so a cached entry never goes stale and needs no invalidation
 * across processes.
 */
export class FlowCatalog {
  readonly #db: Db
  readonly #registry: NodeRegistry
  readonly #cache = new Map<string, Promise<CompiledFlow>>()

  constructor(db: Db, registry: NodeRegistry) {
    this.#db = db
    this.#registry = registry
  }

  get(flowId: string, version: number): Promise<CompiledFlow> {
    const key = `${flowId}@${version}`
    let entry = this.#cache.get(key)
    if (!entry) {
      entry = this.#load(flowId, version)
      entry.catch(() => this.#cache.delete(key))
      this.#cache.set(key, entry)
    }
    return entry
  }

  /** Compiles a version that is being published, priming the cache with it. */
  prime(flowId: string, version: number, graph: FlowGraph): CompiledFlow {
    const compiled = compileFlow(graph, this.#registry)
    this.#cache.set(`${flowId}@${version}`, Promise.resolve(compiled))
    return compiled
  }

  async #load(flowId: string, version: number): Promise<CompiledFlow> {
    const row = await this.#db
      .selectFrom('flow_versions')
      .select('graph')
      .where('flow_id', '=', flowId)
      .where('version', '=', version)
      .executeTakeFirst()
    if (!row) throw new Error(`flow ${flowId} has no version ${version}`)
    return compileFlow(row.graph as FlowGraph, this.#registry)
  }
}
