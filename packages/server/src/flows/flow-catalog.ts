import { compileFlow, FlowGraph, type CompiledFlow, type NodeRegistry } from '@kairos/engine'
import { validateAgainstSchema } from '@kairos/sdk'
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

  /**
   * The compiled version. `via` is the connection to read through on a cache
   * miss: pass the caller's transaction, so a transaction never waits for a
   * second pool connection (with every connection held that way, the pool would
   * deadlock).
   */
  get(flowId: string, version: number, via: Db = this.#db): Promise<CompiledFlow> {
    const key = `${flowId}@${version}`
    let entry = this.#cache.get(key)
    if (!entry) {
      entry = this.#load(flowId, version, via)
      entry.catch(() => this.#cache.delete(key))
      this.#cache.set(key, entry)
    }
    return entry
  }

  /**
   * The versions a batch touches, by `flow@version`, and those this process cannot load: a version
   * naming a node type whose plugin it lacks, or a stored graph today's schema refuses. Work on
   * everything else must go on (an event batch, a contact write); the advance path fails the runs
   * of an unloadable version, one by one, with the reason.
   */
  async getLoadable(versions: Array<{ flowId: string; version: number }>, via: Db = this.#db): Promise<{ flows: Map<string, CompiledFlow>; unloadable: Set<string> }> {
    const flows = new Map<string, CompiledFlow>()
    const unloadable = new Set<string>()
    for (const { flowId, version } of versions) {
      const key = `${flowId}@${version}`
      if (flows.has(key) || unloadable.has(key)) continue
      try {
        flows.set(key, await this.get(flowId, version, via))
      } catch {
        unloadable.add(key)
      }
    }
    return { flows, unloadable }
  }

  /** Caches a version that was just published (call after its transaction committed). */
  prime(flowId: string, version: number, compiled: CompiledFlow): void {
    this.#cache.set(`${flowId}@${version}`, Promise.resolve(compiled))
  }

  async #load(flowId: string, version: number, via: Db): Promise<CompiledFlow> {
    const row = await via
      .selectFrom('flow_versions')
      .select('graph')
      .where('flow_id', '=', flowId)
      .where('version', '=', version)
      .executeTakeFirst()
    if (!row) throw new Error(`flow ${flowId} has no version ${version}`)
    // Stored graphs are checked on the way out too: a row written by an older Kairos may not match today's schema.
    const problems = validateAgainstSchema(FlowGraph, row.graph, 'graph')
    if (problems.length > 0) throw new Error(`flow ${flowId} version ${version} is not a valid flow document: ${problems[0].field} ${problems[0].message}`)
    return compileFlow(row.graph as FlowGraph, this.#registry)
  }
}
