import { FlowGraph, type NodeRegistry } from '@kairos/engine'
import { validateAgainstSchema } from '@kairos/sdk'
import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import type { FlowRow } from '../db/database.ts'
import { KairosError, notFound } from '../errors.ts'
import type { FlowCatalog } from './flow-catalog.ts'
import { addJobs, advanceJobSpecs } from '../execution/jobs.ts'
import { startTriggers, writeVersionHooks } from '../triggers/publish-triggers.ts'
import { planTicks } from '../triggers/schedule/schedule-jobs.ts'
import type { ChannelKinds } from './channel-problems.ts'
import { compileVersion } from './compile-version.ts'
import { applyMove, lockPlan, type MoveOutcome } from './move-waiting-apply.ts'
import { planMove, type MovePlanView } from './move-waiting-plan.ts'
import type { MoveMapping } from './move-waiting-targets.ts'

/** A flow as the API returns it. */
export interface FlowView {
  id: string
  name: string
  status: string
  graph: FlowGraph
  publishedVersion: number | null
  createdAt: string
  updatedAt: string
}

export function toFlowView(row: FlowRow): FlowView {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    graph: row.graph as FlowGraph,
    publishedVersion: row.published_version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

/** A flow in the list: no graph, with run counts. */
export interface FlowSummary extends Omit<FlowView, 'graph'> {
  stats: { active: number; waiting: number; completed: number; failed: number; exited: number; converted: number }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Drafts, publishing and the on/off switch of flows. Owns its transactions. */
export class FlowService {
  readonly #db: Db
  readonly #registry: NodeRegistry
  readonly #catalog: FlowCatalog
  readonly #channelKinds: ChannelKinds | undefined

  /** `channelKinds`: the channel kinds loaded, whose template rule publishing checks. */
  constructor(db: Db, registry: NodeRegistry, catalog: FlowCatalog, channelKinds?: ChannelKinds) {
    this.#db = db
    this.#registry = registry
    this.#catalog = catalog
    this.#channelKinds = channelKinds
  }

  /** Drafts may be incomplete, but must be a well-formed document. */
  #checkDraft(graph: unknown): FlowGraph {
    const problems = validateAgainstSchema(FlowGraph, graph, 'graph')
    if (problems.length > 0)
      throw new KairosError('KAIROS_VALIDATION', `graph is not a flow document: ${problems[0].field} ${problems[0].message}`, problems)
    return graph as FlowGraph
  }

  async create(input: { name: string; graph: unknown }): Promise<FlowView> {
    const graph = this.#checkDraft(input.graph)
    const row = await this.#db
      .insertInto('flows')
      .values({ name: input.name, graph: JSON.stringify(graph) })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toFlowView(row)
  }

  /** Every flow without its graph, newest first, with how many runs are in it and how they ended. */
  async list(): Promise<FlowSummary[]> {
    const { rows } = await sql<FlowRow & { active: number; waiting: number; completed: number; failed: number; exited: number; converted: number }>`
      select f.*, coalesce(r.active, 0)::int as active, coalesce(r.waiting, 0)::int as waiting,
        coalesce(r.completed, 0)::int as completed, coalesce(r.failed, 0)::int as failed, coalesce(r.exited, 0)::int as exited,
        coalesce(r.converted, 0)::int as converted
      from flows f left join (
        select flow_id,
          count(*) filter (where status in ('running', 'waiting')) as active,
          count(*) filter (where status = 'waiting') as waiting,
          count(*) filter (where status = 'completed') as completed,
          count(*) filter (where status = 'failed') as failed,
          count(*) filter (where status = 'exited') as exited,
          count(converted_at) as converted
        from runs group by flow_id) r on r.flow_id = f.id
      order by f.updated_at desc`.execute(this.#db)
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      publishedVersion: row.published_version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      stats: { active: row.active, waiting: row.waiting, completed: row.completed, failed: row.failed, exited: row.exited, converted: row.converted },
    }))
  }

  /** A new draft with a copy of the flow's draft graph. */
  async duplicate(id: string): Promise<FlowView> {
    const flow = await this.get(id)
    return this.create({ name: `${flow.name} (copy)`.slice(0, 200), graph: flow.graph })
  }

  /** Retires a flow: no new entries, no more publishing; runs already inside finish their journey. */
  async archive(id: string): Promise<FlowView> {
    await this.get(id)
    const row = await this.#db
      .updateTable('flows')
      .set({ status: 'archived', updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return toFlowView(row)
  }

  async get(id: string): Promise<FlowView> {
    if (!UUID.test(id)) throw notFound('flow', id)
    const row = await this.#db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound('flow', id)
    return toFlowView(row)
  }

  async update(id: string, input: { name?: string; graph?: unknown }): Promise<FlowView> {
    await this.get(id)
    const graph = input.graph === undefined ? undefined : this.#checkDraft(input.graph)
    const row = await this.#db
      .updateTable('flows')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(graph !== undefined ? { graph: JSON.stringify(graph) } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return toFlowView(row)
  }

  /**
   * Validates the draft and freezes it as the next immutable version; a draft
   * flow becomes active on it (a paused one stays paused). Refused with every problem (node and field) at once.
   * With `move`, the contacts a dry run's plan names move to the new version in the same transaction (docs/versions.md).
   */
  async publish(id: string, by: string | null = null, move?: { plan: string; now: Date }): Promise<{ version: number; flow: FlowView; moved: MoveOutcome | null }> {
    await this.get(id)
    const published = await this.#db.transaction().execute(async (trx) => {
      // The plan's contacts and runs are locked before the flow, in the engine's order.
      const moving = move ? await lockPlan(trx, id, move.plan) : undefined
      const flow = await trx.selectFrom('flows').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow()
      if (flow.status === 'archived') throw new KairosError('KAIROS_CONFLICT', 'an archived flow cannot be published')
      const { graph, compiled } = await compileVersion(trx, flow.graph, this.#registry, this.#channelKinds)
      const version = (flow.published_version ?? 0) + 1
      await trx.insertInto('flow_versions').values({ flow_id: id, version, graph: JSON.stringify(graph), published_by: by }).execute()
      const moved = moving ? await applyMove(trx, moving, { flow, version, live: await this.#catalog.get(id, flow.published_version!, trx), now: move!.now }) : null
      await writeVersionHooks(trx, id, version, compiled)
      await startTriggers(trx, id, version, compiled, new Date())
      // A paused flow stays paused: publishing a fix must not switch entries back on by surprise.
      const row = await trx
        .updateTable('flows')
        .set({ status: flow.status === 'paused' ? 'paused' : 'active', published_version: version, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      return { version, flow: toFlowView(row), compiled, moved }
    })
    // Cached only once committed, so a failed publish leaves no phantom version behind.
    this.#catalog.prime(id, published.version, published.compiled)
    return { version: published.version, flow: published.flow, moved: published.moved }
  }

  /** The dry run of moving the contacts waiting on the live version to the draft about to be published (move-waiting-plan.ts). */
  async planMove(id: string, mapping: MoveMapping, now: Date): Promise<MovePlanView> {
    await this.get(id)
    return planMove({ db: this.#db, registry: this.#registry, catalog: this.#catalog, channelKinds: this.#channelKinds }, id, mapping, now)
  }

  /**
   * Switches a published flow off or back on. Paused: no new entries, and runs
   * stop at their next step (held). Resumed: held runs go on from where they
   * stopped, in the same transaction that switches the flow back on.
   */
  async setActive(id: string, active: boolean): Promise<FlowView> {
    const flow = await this.get(id)
    if (flow.publishedVersion === null) throw new KairosError('KAIROS_CONFLICT', 'flow has never been published')
    if (flow.status === 'archived') throw new KairosError('KAIROS_CONFLICT', 'flow is archived')
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('flows')
        .set({ status: active ? 'active' : 'paused', updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      if (active) {
        const held = await trx
          .updateTable('runs')
          .set({ held_at: null })
          .where('flow_id', '=', id)
          .where('held_at', 'is not', null)
          .returning(['id', 'seq'])
          .execute()
        const now = new Date()
        await addJobs(trx, advanceJobSpecs(held.map((r) => ({ run: r.id, seq: r.seq, runAt: now }))))
        // Schedules go on from now: ticks that fell in the pause were recorded as skipped.
        await planTicks(trx, id, await this.#catalog.get(id, row.published_version!, trx), now)
      }
      return toFlowView(row)
    })
  }

  async versions(id: string): Promise<FlowVersionView[]> {
    await this.get(id)
    const rows = await this.#db.selectFrom('flow_versions').selectAll().where('flow_id', '=', id).orderBy('version', 'desc').execute()
    return rows.map(toVersionView)
  }

  /** One published version, as `versions` lists it; KAIROS_NOT_FOUND for a flow or version that does not exist. */
  async version(id: string, version: number): Promise<FlowVersionView> {
    await this.get(id)
    const row = await this.#db.selectFrom('flow_versions').selectAll().where('flow_id', '=', id).where('version', '=', version).executeTakeFirst()
    if (!row) throw notFound('flow version', `${id}@${version}`)
    return toVersionView(row)
  }
}

/** A published version as the API shows it. */
export interface FlowVersionView {
  version: number
  publishedAt: string
  publishedBy: string | null
  graph: FlowGraph
}

function toVersionView(row: { version: number; published_at: Date; published_by: string | null; graph: unknown }): FlowVersionView {
  return { version: row.version, publishedAt: row.published_at.toISOString(), publishedBy: row.published_by, graph: row.graph as FlowGraph }
}
