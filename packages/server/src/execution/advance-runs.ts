import { advanceRun, type AdvanceOutcome, type Resume, type WaitState } from '@kairos/engine'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { SmsProviderConfig } from '../config.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import type { RunTicket } from './jobs.ts'
import { toContactSnapshot, toRunState } from './run-rows.ts'
import { UnitOfWork, type RunUpdate } from './unit-of-work.ts'

/** What executing runs needs from the server. */
export interface ExecutionDeps {
  db: Db
  catalog: FlowCatalog
  clock: Clock
  sms: SmsProviderConfig
  /** Called after a batch commits, with how many steps it wrote (live status hooks in here). */
  onCommitted?: (summary: { runs: number; steps: number }) => void
}

const FINAL = new Set(['completed', 'exited', 'failed', 'cancelled'])

/**
 * Moves a batch of runs forward in one transaction: locks them, skips every
 * ticket whose seq no longer matches (a repeated or stale job), runs each
 * through the interpreter, and writes all steps, positions, contact changes,
 * deliveries and next jobs before committing. A crash before the commit
 * leaves everything as it was, and the job runs again.
 */
export async function advanceRuns(deps: ExecutionDeps, tickets: RunTicket[]): Promise<{ advanced: number; steps: number }> {
  if (tickets.length === 0) return { advanced: 0, steps: 0 }
  const wanted = new Map(tickets.map((t) => [String(t.run), t.seq]))
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const rows = await trx
      .selectFrom('runs')
      .selectAll()
      .where('id', 'in', [...wanted.keys()])
      .orderBy('id')
      .forNoKeyUpdate()
      .execute()
    const work = new UnitOfWork(trx, deps.clock, deps.sms)
    const due: Array<{ row: (typeof rows)[number]; resume?: Resume }> = []
    for (const row of rows) {
      if (wanted.get(row.id) !== row.seq) continue
      if (row.status === 'running') due.push({ row })
      else if (row.status === 'waiting' && row.wake_at) {
        if (row.wake_at.getTime() > now.getTime()) work.tickets.push({ run: row.id, seq: row.seq, runAt: row.wake_at })
        else {
          // An awaited event that arrived left its resume on the wait; otherwise the time is up.
          const wait = row.wait as WaitState | null
          due.push({ row, resume: wait?.resume ?? { port: wait?.timeoutPort ?? 'next', output: wait?.output } })
        }
      }
    }
    if (due.length === 0) {
      await work.flush()
      return { advanced: 0, steps: 0 }
    }

    const contactIds = [...new Set(due.map((d) => d.row.contact_id))]
    // Locked in id order, after the runs, so batches touching the same contacts never deadlock.
    // NO KEY UPDATE, not UPDATE: it must not conflict with the KEY SHARE locks that inserting
    // an event (its foreign key) takes on the contact, or ingestion, which locks runs after
    // inserting events, would deadlock with this transaction.
    const contacts = new Map(
      (await trx.selectFrom('contacts').selectAll().where('id', 'in', contactIds).orderBy('id').forNoKeyUpdate().execute()).map((c) => [
        c.id,
        toContactSnapshot(c),
      ]),
    )
    for (const { row, resume } of due) {
      const run = toRunState(row)
      const contact = contacts.get(row.contact_id)!
      const flow = await deps.catalog.get(row.flow_id, row.flow_version)
      const outcome = await advanceRun({
        run, flow, contact, now, resume,
        services: (step) => work.servicesFor(run, contact, step),
      })
      for (const step of outcome.steps) work.steps.push({ ...step, runId: row.id })
      work.runs.push(toRunUpdate(row.id, outcome, now))
      if (outcome.status === 'waiting' && outcome.wakeAt) work.tickets.push({ run: row.id, seq: outcome.seq, runAt: outcome.wakeAt })
      if (outcome.status === 'running') work.tickets.push({ run: row.id, seq: outcome.seq, runAt: now })
    }
    await work.flush()
    return { advanced: due.length, steps: work.steps.length }
  })
  deps.onCommitted?.({ runs: result.advanced, steps: result.steps })
  return result
}

function toRunUpdate(id: string, outcome: AdvanceOutcome, now: Date): RunUpdate {
  return {
    id,
    status: outcome.status,
    node_id: outcome.nodeId,
    node_entered_at: outcome.nodeEnteredAt,
    seq: outcome.seq,
    wake_at: outcome.wakeAt,
    wait_event: outcome.wait?.event ?? null,
    wait: outcome.wait,
    error: outcome.error,
    exit_reason: outcome.exitReason,
    finished_at: FINAL.has(outcome.status) ? now : null,
  }
}
