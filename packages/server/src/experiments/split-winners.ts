import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** What a split's node services hand to `services.experiments.winner`. */
export interface SplitWinner {
  arm: string
  at: string
}

/**
 * The auto-winner decisions of the flow versions a batch of runs is on, read
 * through the batch's transaction once per version and shared by its steps:
 * a split's run() asks `services.experiments.winner(nodeId)` and does no I/O
 * of its own (the decision was made by the auto-winner job, auto-winner-job.ts).
 */
export class SplitWinners {
  readonly #db: Db
  readonly #byVersion = new Map<string, Promise<Map<string, SplitWinner>>>()

  constructor(db: Db) {
    this.#db = db
  }

  async winner(flowId: string, version: number, nodeId: string): Promise<SplitWinner | null> {
    const key = `${flowId}@${version}`
    let found = this.#byVersion.get(key)
    if (!found) this.#byVersion.set(key, (found = readWinners(this.#db, flowId, version)))
    return (await found).get(nodeId) ?? null
  }
}

async function readWinners(db: Db, flowId: string, version: number): Promise<Map<string, SplitWinner>> {
  const { rows } = await sql<{ node_id: string; arm: string; decided_at: Date }>`select node_id, arm, decided_at from split_decisions
    where flow_id = ${flowId} and version = ${version}`.execute(db)
  return new Map(rows.map((row) => [row.node_id, { arm: row.arm, at: row.decided_at.toISOString() }]))
}
