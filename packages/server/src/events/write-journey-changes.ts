import { sql } from 'kysely'
import type { CompiledFlow, WaitState } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { addJobs, advanceJobSpecs, type DueTicket } from '../execution/jobs.ts'
import { LiveDeltas } from '../live/live-deltas.ts'
import { snapshot, type JourneyChanges } from './apply-events.ts'

interface ExitStep {
  run_id: string
  seq: number
  node_id: string
  node_type: string
  node_version: number
  entered_at: Date
  left_at: Date
  outcome: 'exit'
  output: Record<string, unknown>
}

/**
 * Writes what a batch of events decided, one statement per kind (updates
 * name their ids in `= any(…)` so Postgres uses the primary key, see
 * UnitOfWork.flush): new
 * enrollments, new runs (those a later event already ended are stored ended),
 * exits with a step on each run's trace, resumed waits, and the jobs that move
 * the new and resumed runs on.
 */
export async function writeJourneyChanges(trx: Db, changes: JourneyChanges, flows: Map<string, CompiledFlow>, now: Date): Promise<void> {
  const tickets: DueTicket[] = []
  const exitSteps: ExitStep[] = []
  const live = new LiveDeltas()
  const nodeOf = (flowId: string, version: number, nodeId: string) => flows.get(`${flowId}@${version}`)?.nodes.get(nodeId)
  const exitStep = (runId: string, seq: number, flowId: string, version: number, nodeId: string, enteredAt: Date, event: { name: string; id: string }) => {
    const node = nodeOf(flowId, version, nodeId)
    exitSteps.push({
      run_id: runId, seq, node_id: nodeId, node_type: node?.node.type ?? 'unknown', node_version: node?.definition.version ?? 0,
      entered_at: enteredAt, left_at: now, outcome: 'exit', output: { exitOn: event.name, event: event.id },
    })
  }

  if (changes.enrollments.length > 0) {
    const rows = changes.enrollments.map((e) => ({ flow_id: e.flowId, contact_id: e.contactId }))
    await sql`insert into flow_enrollments (flow_id, contact_id, entered_at)
        select flow_id, contact_id, ${now} from json_to_recordset(${JSON.stringify(rows)}::json) as p(flow_id uuid, contact_id bigint)
        on conflict (flow_id, contact_id) do update set entered_at = excluded.entered_at`.execute(trx)
  }

  if (changes.started.length > 0) {
    const rows = changes.started.map((run, ord) => ({
      ord,
      flow_id: run.flowId,
      flow_version: run.version,
      contact_id: run.contactId,
      node_id: run.nodeId,
      status: run.exitedBy ? 'exited' : 'running',
      seq: run.exitedBy ? 1 : 0,
      exit_reason: run.exitedBy ? `exitOn: ${run.exitedBy.name}` : null,
      finished_at: run.exitedBy ? now : null,
      trigger: run.trigger,
    }))
    const { rows: created } = await sql<{ id: string }>`insert into runs (flow_id, flow_version, contact_id, status, node_id,
          node_entered_at, seq, entered_at, trigger, exit_reason, finished_at)
        select flow_id, flow_version, contact_id, status, node_id, ${now}, seq, ${now}, trigger, exit_reason, finished_at
        from json_to_recordset(${JSON.stringify(rows)}::json) as r(ord int, flow_id uuid, flow_version int, contact_id bigint,
          node_id text, status text, seq int, exit_reason text, finished_at timestamptz, trigger jsonb)
        order by ord
        returning id`.execute(trx)
    created.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))
    changes.started.forEach((run, i) => {
      const id = created[i].id
      if (run.exitedBy) {
        exitStep(id, 0, run.flowId, run.version, run.nodeId, now, run.exitedBy)
        live.transition(run.flowId, null, { nodeId: run.nodeId, status: 'exited' }, [
          { nodeId: run.nodeId, outcome: 'exit', port: null, nodeType: nodeOf(run.flowId, run.version, run.nodeId)?.node.type, left: 'exitOn' },
        ])
      } else {
        tickets.push({ run: id, seq: 0, runAt: now })
        live.transition(run.flowId, null, { nodeId: run.nodeId, status: 'running' }, [])
      }
    })
  }

  if (changes.exited.length > 0) {
    const rows = changes.exited.map(({ run, event }) => ({ id: run.id, reason: `exitOn: ${event.name}` }))
    await sql`update runs set status = 'exited', exit_reason = v.reason, finished_at = ${now}, seq = runs.seq + 1,
          wake_at = null, wait_event = null, wait = null, updated_at = now()
        from json_to_recordset(${JSON.stringify(rows)}::json) as v(id bigint, reason text)
        where runs.id = v.id and runs.id = any(${rows.map((r) => r.id)}::bigint[])`.execute(trx)
    for (const { run, event } of changes.exited) {
      exitStep(run.id, run.seq, run.flow_id, run.flow_version, run.node_id, run.node_entered_at, event)
      live.transition(run.flow_id, { nodeId: run.node_id, status: run.status }, { nodeId: run.node_id, status: 'exited' }, [
        { nodeId: run.node_id, outcome: 'exit', port: null, nodeType: nodeOf(run.flow_id, run.flow_version, run.node_id)?.node.type, left: 'exitOn' },
      ])
    }
  }
  if (exitSteps.length > 0)
    await sql`insert into steps (run_id, seq, node_id, node_type, node_version, entered_at, left_at, outcome, output)
        select * from json_to_recordset(${JSON.stringify(exitSteps)}::json) as s(run_id bigint, seq int, node_id text, node_type text,
          node_version int, entered_at timestamptz, left_at timestamptz, outcome text, output jsonb)`.execute(trx)

  if (changes.resumed.length > 0) {
    // The port to leave by goes on the wait; the run's next job takes it, the stale timeout job finds the seq moved on.
    const rows = changes.resumed.map(({ run, event }) => ({
      id: run.id,
      seq: run.seq + 1,
      wait: { ...run.wait, resume: { port: receivedPort(run.wait, event.properties), output: { event: snapshot(event) } } } as WaitState,
    }))
    await sql`update runs set seq = v.seq, wait = v.wait, wake_at = ${now}, wait_event = null, updated_at = now()
        from json_to_recordset(${JSON.stringify(rows)}::json) as v(id bigint, seq int, wait jsonb)
        where runs.id = v.id and runs.id = any(${rows.map((r) => r.id)}::bigint[])`.execute(trx)
    for (const row of rows) tickets.push({ run: row.id, seq: row.seq, runAt: now })
  }
  await addJobs(trx, advanceJobSpecs(tickets))
  await live.notify(trx)
}

/** The port an awaited event leads to: by one of its properties when the wait says so (call outcomes), else `received`. */
function receivedPort(wait: WaitState | null, properties: Record<string, unknown>): string {
  const byValue = wait?.portBy ? wait.portBy.ports[String(properties[wait.portBy.property])] : undefined
  return byValue ?? wait?.receivedPort ?? 'received'
}
