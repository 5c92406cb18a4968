import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** A split's auto-winner decision as the flow report shows it. */
export interface SplitDecision {
  /** The flow version it was decided for; new entrants of that version go to `arm`. */
  version: number
  arm: string
  at: string
  confidence: number
  pValue: number
}

/** Each split node's latest decision, whatever the version (a republished journey shows the last one made). */
export async function splitDecisions(db: Db, flowId: string): Promise<Record<string, SplitDecision>> {
  const { rows } = await sql<{ node_id: string; version: number; arm: string; decided_at: Date; confidence: number; p_value: number }>`
    select distinct on (node_id) node_id, version, arm, decided_at, confidence, p_value from split_decisions
    where flow_id = ${flowId} order by node_id, version desc`.execute(db)
  return Object.fromEntries(rows.map((r) => [r.node_id, { version: r.version, arm: r.arm, at: r.decided_at.toISOString(), confidence: r.confidence, pValue: r.p_value }]))
}

/**
 * A journey simulation runs a copy of the flow (simulation/scratch-flow.ts): the version's
 * decisions are copied to it in the simulation's transaction, so simulated entrants follow the
 * winner as real ones do. A draft is a new version, with no decision yet: nothing is copied.
 */
export async function copySplitDecisions(trx: Db, from: { flowId: string; version: number }, toFlowId: string): Promise<void> {
  await sql`insert into split_decisions (flow_id, version, node_id, arm, decided_at, confidence, p_value, arms)
    select ${toFlowId}, version, node_id, arm, decided_at, confidence, p_value, arms from split_decisions
    where flow_id = ${from.flowId} and version = ${from.version}`.execute(trx)
}
