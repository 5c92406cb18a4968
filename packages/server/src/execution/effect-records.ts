import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { EffectCall, EffectReceipt } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { effectJobSpec, type JobSpec } from './jobs.ts'

/** An effect a step asked for, written with the batch (an `effects` row). */
export interface PendingEffect {
  id: string
  run_id: string
  flow_id: string
  flow_version: number
  node_id: string
  contact_id: string
  kind: EffectCall['kind']
  name: string
  request: EffectCall['request']
  idempotency_key: string
  /** Set when the step's result waits for it (`afterEffect`). */
  awaited: boolean
  status: 'pending'
  created_at: Date
  /** The interpreter's seq of the step that asked for it (not stored): a failed step's effects are dropped. */
  step_seq: number
}

/** Where an effect is asked for from. */
export interface EffectOrigin {
  run: { id: string; flowId: string; flowVersion: number }
  contactId: string
  nodeId: string
  stepSeq: number
  now: Date
}

/**
 * The effects of one batch: recorded by node services, trimmed after each
 * run's outcome (a failed step's effects never run; the awaited one is
 * marked), written at flush with a first-attempt job each.
 */
export class EffectRecords {
  readonly #pending: PendingEffect[] = []

  get size(): number {
    return this.#pending.length
  }

  /** Records `call` for its step; the same key twice in a batch is the same effect (`duplicate: true`). */
  record(call: EffectCall, origin: EffectOrigin): EffectReceipt {
    const earlier = this.#pending.find((e) => e.idempotency_key === call.idempotencyKey)
    if (earlier) return { id: earlier.id, name: earlier.name, idempotencyKey: earlier.idempotency_key, duplicate: true }
    const effect: PendingEffect = {
      id: randomUUID(), run_id: origin.run.id, flow_id: origin.run.flowId, flow_version: origin.run.flowVersion, node_id: origin.nodeId,
      contact_id: origin.contactId, kind: call.kind, name: call.name, request: call.request, idempotency_key: call.idempotencyKey,
      awaited: false, status: 'pending', created_at: origin.now, step_seq: origin.stepSeq,
    }
    this.#pending.push(effect)
    return { id: effect.id, name: effect.name, idempotencyKey: effect.idempotency_key, duplicate: false }
  }

  /** Drops what the run's step `seq` (which failed) asked for: its effects never run, and a retry of the step records them anew. */
  dropStep(runId: string, seq: number): void {
    for (let i = this.#pending.length - 1; i >= 0; i--) if (this.#pending[i].run_id === runId && this.#pending[i].step_seq === seq) this.#pending.splice(i, 1)
  }

  /** Marks the effect the run now waits for. */
  awaited(runId: string, effectId: string): void {
    const effect = this.#pending.find((e) => e.id === effectId && e.run_id === runId)
    if (effect) effect.awaited = true
  }

  /** Writes the effects in one statement inside the batch's transaction; returns their first attempts' jobs. */
  async insert(trx: Db, now: Date): Promise<JobSpec[]> {
    if (this.#pending.length === 0) return []
    const { rows } = await sql<{ id: string }>`insert into effects (id, run_id, flow_id, flow_version, node_id, contact_id, kind, name, request,
        idempotency_key, awaited, status, created_at)
      select * from json_to_recordset(${JSON.stringify(this.#pending)}::json) as e(id uuid, run_id bigint, flow_id uuid, flow_version int,
        node_id text, contact_id bigint, kind text, name text, request jsonb, idempotency_key text, awaited boolean, status text, created_at timestamptz)
      on conflict (idempotency_key) do nothing
      returning id`.execute(trx)
    return rows.map((r) => effectJobSpec(r.id, 1, now))
  }
}
