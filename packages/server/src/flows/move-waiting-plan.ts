import { randomUUID } from 'node:crypto'
import type { NodeRegistry, WaitState } from '@kairos/engine'
import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { KairosError } from '../errors.ts'
import type { ChannelKinds } from './channel-problems.ts'
import { compileVersion } from './compile-version.ts'
import type { FlowCatalog } from './flow-catalog.ts'
import { moveSentence, portsOfWait, resolveMoves, type MoveMapping, type NodeMove, type WaitingGroup } from './move-waiting-targets.ts'

/** The dry run's answer: what publishing the draft with this plan would do to the contacts waiting on the live version. */
export interface MovePlanView {
  /** Pass it to the publish (`migrate: { plan }`) to apply exactly this. */
  plan: string
  fromVersion: number
  toVersion: number
  /** Contacts who would move to the new version, and who would finish on the live one. */
  moving: number
  staying: number
  nodes: Array<NodeMove & { sentence: string }>
  /** The nodes' sentences, in order: "31 contacts waiting at wait_3d move to wait_2d". */
  sentences: string[]
}

export interface MovePlanDeps {
  db: Db
  registry: NodeRegistry
  catalog: FlowCatalog
  channelKinds?: ChannelKinds
}

/**
 * The dry run: compiles the draft as publishing would (its problems are the publish's), reads the
 * runs waiting on the live version, resolves the mapping (every bad entry a KAIROS_VALIDATION
 * problem naming the step) and stores the plan: each run to move with the seq and step it is at now,
 * so the publish moves only runs that did not change since (docs/versions.md). Changes no run.
 */
export async function planMove(deps: MovePlanDeps, flowId: string, mapping: MoveMapping, now: Date): Promise<MovePlanView> {
  return deps.db.transaction().execute(async (trx) => {
    const flow = await trx.selectFrom('flows').selectAll().where('id', '=', flowId).executeTakeFirstOrThrow()
    if (flow.status === 'archived') throw new KairosError('KAIROS_CONFLICT', 'an archived flow cannot be published')
    const live = flow.published_version
    if (live === null) throw new KairosError('KAIROS_CONFLICT', 'the flow has no live version yet: nobody waits on one, publish it without migrate')
    const { compiled: next } = await compileVersion(trx, flow.graph, deps.registry, deps.channelKinds)
    const liveFlow = await deps.catalog.get(flowId, live, trx)
    const runs = await trx
      .selectFrom('runs')
      .select(['id', 'seq', 'node_id', 'wait'])
      .where('flow_id', '=', flowId)
      .where('flow_version', '=', live)
      .where('status', '=', 'waiting')
      .orderBy('id')
      .execute()
    const groups = new Map<string, WaitingGroup>()
    for (const run of runs) {
      let group = groups.get(run.node_id)
      if (!group) groups.set(run.node_id, (group = { node: run.node_id, runs: 0, ports: new Set() }))
      group.runs += 1
      for (const port of portsOfWait(run.wait as WaitState | null)) group.ports.add(port)
    }
    const { moves, problems } = resolveMoves({ version: live, flow: liveFlow }, next, [...groups.values()], mapping)
    if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', `body.migrate.mapping: ${problems.length} problem(s): ${problems[0].message}`, problems)

    const targets = new Map(moves.filter((m) => m.to !== null).map((m) => [m.node, m.to!]))
    const moving = runs.filter((r) => targets.has(r.node_id))
    const plan = randomUUID()
    // A plan nobody applied within a day is stale (its runs have moved on): dropped as new ones are made.
    await sql`delete from move_plans where flow_id = ${flowId} and applied_at is null and created_at < ${new Date(now.getTime() - 86_400_000)}`.execute(trx)
    await sql`insert into move_plans (id, flow_id, from_version, draft_updated_at, mapping, run_ids, run_seqs, run_nodes, created_at)
      values (${plan}, ${flowId}, ${live}, ${flow.updated_at}, ${JSON.stringify({ requested: mapping, moves: Object.fromEntries(targets) })}::jsonb,
        ${moving.map((r) => r.id)}::bigint[], ${moving.map((r) => r.seq)}::int[], ${moving.map((r) => r.node_id)}::text[], ${now})`.execute(trx)
    const nodes = moves.map((m) => ({ ...m, sentence: moveSentence(m, live) }))
    return {
      plan, fromVersion: live, toVersion: live + 1, moving: moving.length, staying: runs.length - moving.length,
      nodes, sentences: nodes.filter((n) => n.waiting > 0).map((n) => n.sentence),
    }
  })
}
