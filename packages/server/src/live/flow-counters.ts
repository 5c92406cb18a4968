import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { noCounters, type FlowCounters } from './live-deltas.ts'

/** A flow's counters and the database snapshot they were read in (`xmin:xmax:xip,…`). */
export interface CountersSnapshot {
  counters: FlowCounters
  snapshot: string
}

/** A flow's live counters computed from the tables. */
export async function loadFlowCounters(db: Db, flowId: string): Promise<FlowCounters> {
  return (await loadFlowCountersAt(db, flowId)).counters
}

/**
 * A flow's counters in ONE statement, with that statement's snapshot. A commit's notification
 * can reach the listening connection after a statement that already saw the commit (Postgres
 * sends notifications only between commands), so the hub drops deltas whose transaction the
 * snapshot saw (`seenIn`) instead of counting them twice.
 */
export async function loadFlowCountersAt(db: Db, flowId: string): Promise<CountersSnapshot> {
  const { rows } = await sql<{ kind: string; node_id: string; port: string | null; a: number; b: number; c: number }>`
    with flow_steps as (
      select s.node_id, s.port, count(*) as n, count(*) filter (where s.outcome = 'error') as failed,
          -- Left early (an exitOn event, a cancel), as LiveDeltas counts a step marked left.
          count(*) filter (where s.outcome = 'exit' and (s.output ? 'exitOn' or s.output ? 'cancelled')) as exited
        from steps s join runs r on r.id = s.run_id where r.flow_id = ${flowId} group by s.node_id, s.port
      union all
      -- What retention counted before deleting older steps (it keeps no exits apart: they count as done).
      select node_id, nullif(port, ''), passed, failed, 0 from step_rollups where flow_id = ${flowId}
    )
    select 'steps' as kind, node_id, null as port, sum(n)::int as a, sum(failed)::int as b, sum(exited)::int as c
      from flow_steps group by node_id
    union all
    select 'edge', node_id, port, sum(n)::int, 0, 0 from flow_steps where port is not null group by node_id, port
    union all
    select 'here', node_id, null, count(*)::int, (count(*) filter (where status = 'waiting'))::int, 0
      from runs where flow_id = ${flowId} and status in ('running', 'waiting') group by node_id
    union all
    select 'snapshot', '', pg_current_snapshot()::text, 0, 0, 0`.execute(db)
  const counters: FlowCounters = { nodes: {}, edges: {} }
  let snapshot = ''
  const node = (id: string) => (counters.nodes[id] ??= noCounters())
  for (const row of rows) {
    if (row.kind === 'steps') {
      node(row.node_id).entered += row.a
      node(row.node_id).completed += row.a - row.b - row.c
      node(row.node_id).exited += row.c
      node(row.node_id).failed += row.b
    } else if (row.kind === 'edge') counters.edges[`${row.node_id}:${row.port}`] = row.a
    else if (row.kind === 'snapshot') snapshot = row.port ?? ''
    else {
      node(row.node_id).entered += row.a
      node(row.node_id).waiting += row.b
    }
  }
  return { counters, snapshot }
}

/**
 * Whether transaction `xid` had committed for `snapshot` (Postgres' `xmin:xmax:xip,…` text):
 * below xmin, or below xmax and not among the ones still running then.
 */
export function seenIn(snapshot: string, xid: string): boolean {
  const [xmin, xmax, running = ''] = snapshot.split(':')
  if (!xmin || !xmax || !/^\d+$/.test(xid)) return false
  const id = BigInt(xid)
  if (id < BigInt(xmin)) return true
  return id < BigInt(xmax) && !running.split(',').filter(Boolean).some((x) => BigInt(x) === id)
}
