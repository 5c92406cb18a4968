import { sql } from 'kysely'
import { matchesWhere, type Clock, type EventSnapshot } from '@kairos/sdk'
import type { EventTrigger, WaitState } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { addJobs, advanceJobSpecs, type DueTicket } from '../execution/jobs.ts'
import { retryTransient } from '../db/retry.ts'

/** One event as a client posts it. */
export interface IncomingEvent {
  contact: string
  name: string
  properties?: Record<string, unknown>
  id?: string
  occurredAt?: string
}

/** What ingesting a batch did. */
export interface IngestResult {
  accepted: number
  duplicates: number
  runsStarted: number
  runsResumed: number
  runsExited: number
}

interface StoredEvent {
  id: string
  contact_id: string
  name: string
  properties: Record<string, unknown>
  occurred_at: Date
}

interface Hook {
  flow_id: string
  version: number
  kind: 'enter' | 'exit'
  event_name: string
  node_id: string
}

/**
 * Stores a batch of events and applies them to journeys in the same
 * transaction: exits first (`settings.exitOn`), then runs waiting for these
 * events, then entries at event triggers. A repeated event id is ignored.
 * Everything is done in a fixed number of statements, whatever the batch size;
 * a transaction that loses a deadlock race is run again whole.
 */
export function ingestEvents(deps: { db: Db; catalog: FlowCatalog; clock: Clock }, events: IncomingEvent[]): Promise<IngestResult> {
  return retryTransient(() => ingestOnce(deps, events))
}

async function ingestOnce(deps: { db: Db; catalog: FlowCatalog; clock: Clock }, events: IncomingEvent[]): Promise<IngestResult> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const externalIds = [...new Set(events.map((e) => e.contact))]
    await sql`insert into contacts (external_id) select unnest(${externalIds}::text[]) on conflict (external_id) do nothing`.execute(trx)
    const contacts = await trx.selectFrom('contacts').select(['id', 'external_id']).where('external_id', 'in', externalIds).execute()
    const contactId = new Map(contacts.map((c) => [c.external_id, c.id]))

    const rows = events.map((e, ord) => ({
      ord,
      contact_id: contactId.get(e.contact)!,
      name: e.name,
      properties: e.properties ?? {},
      idempotency_id: e.id ?? null,
      occurred_at: e.occurredAt ?? now.toISOString(),
    }))
    const { rows: stored } = await sql<StoredEvent>`insert into events (contact_id, name, properties, idempotency_id, occurred_at)
        select contact_id, name, properties, idempotency_id, occurred_at
        from json_to_recordset(${JSON.stringify(rows)}::json) as e(ord int, contact_id bigint, name text, properties jsonb,
          idempotency_id text, occurred_at timestamptz)
        order by ord
        on conflict (idempotency_id) where idempotency_id is not null do nothing
        returning id, contact_id, name, properties, occurred_at`.execute(trx)
    stored.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))
    const result: IngestResult = { accepted: stored.length, duplicates: events.length - stored.length, runsStarted: 0, runsResumed: 0, runsExited: 0 }
    if (stored.length === 0) return result

    const names = [...new Set(stored.map((e) => e.name))]
    const { rows: hooks } = await sql<Hook>`select h.flow_id, h.version, h.kind, h.event_name, h.node_id
        from flow_event_hooks h join flows f on f.id = h.flow_id and f.published_version = h.version
        where h.event_name = any(${names}::text[])
          and (f.status = 'active' or (h.kind = 'exit' and f.status = 'paused'))`.execute(trx)

    const tickets: DueTicket[] = []
    result.runsExited = await applyExits(trx, deps.catalog, stored, hooks.filter((h) => h.kind === 'exit'), now)
    result.runsResumed = await resumeWaitingRuns(trx, stored, now, tickets)
    result.runsStarted = await enterFlows(trx, deps.catalog, stored, hooks.filter((h) => h.kind === 'enter'), now, tickets)
    await addJobs(trx, advanceJobSpecs(tickets))
    return result
  })
}

function snapshot(event: StoredEvent): EventSnapshot {
  return { id: event.id, name: event.name, properties: event.properties, occurredAt: new Date(event.occurred_at).toISOString() }
}

/** Ends the active runs of flows whose `exitOn` lists the event, recording an exit step on each. */
async function applyExits(trx: Db, catalog: FlowCatalog, events: StoredEvent[], hooks: Hook[], now: Date): Promise<number> {
  const targets = events.flatMap((e) =>
    hooks.filter((h) => h.event_name === e.name).map((h) => ({ contact_id: e.contact_id, flow_id: h.flow_id, event: e.name, event_id: e.id })),
  )
  if (targets.length === 0) return 0
  const { rows: exited } = await sql<{ id: string; seq: number; node_id: string; flow_id: string; flow_version: number; node_entered_at: Date; event: string; event_id: string }>`
      update runs r set status = 'exited', exit_reason = 'exitOn: ' || t.event, finished_at = ${now}, seq = r.seq + 1,
        wake_at = null, wait_event = null, wait = null, updated_at = now()
      from json_to_recordset(${JSON.stringify(targets)}::json) as t(contact_id bigint, flow_id uuid, event text, event_id bigint)
      where r.contact_id = t.contact_id and r.flow_id = t.flow_id and r.status in ('running', 'waiting')
      returning r.id, r.seq - 1 as seq, r.node_id, r.flow_id, r.flow_version, r.node_entered_at, t.event, t.event_id`.execute(trx)
  if (exited.length === 0) return 0
  const steps = []
  for (const run of exited) {
    const node = (await catalog.get(run.flow_id, run.flow_version)).nodes.get(run.node_id)
    steps.push({
      run_id: run.id, seq: run.seq, node_id: run.node_id, node_type: node?.node.type ?? 'unknown', node_version: node?.definition.version ?? 0,
      entered_at: run.node_entered_at, left_at: now, outcome: 'exit', output: { exitOn: run.event, event: run.event_id },
    })
  }
  await sql`insert into steps (run_id, seq, node_id, node_type, node_version, entered_at, left_at, outcome, output)
      select * from json_to_recordset(${JSON.stringify(steps)}::json) as s(run_id bigint, seq int, node_id text, node_type text,
        node_version int, entered_at timestamptz, left_at timestamptz, outcome text, output jsonb)`.execute(trx)
  return exited.length
}

/**
 * Wakes runs waiting for these events. The row lock decides the race with
 * the timeout job: whichever commits first changes the run's seq, and the
 * other then finds nothing to do. An event after the timeout has passed loses.
 */
async function resumeWaitingRuns(trx: Db, events: StoredEvent[], now: Date, tickets: DueTicket[]): Promise<number> {
  const contactIds = [...new Set(events.map((e) => e.contact_id))]
  const names = [...new Set(events.map((e) => e.name))]
  const waiting = await trx
    .selectFrom('runs')
    .select(['id', 'contact_id', 'seq', 'wait', 'wait_event', 'wake_at'])
    .where('status', '=', 'waiting')
    .where('wait_event', 'in', names)
    .where('contact_id', 'in', contactIds)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute()
  const resumed: Array<{ id: string; seq: number; wait: WaitState }> = []
  const taken = new Set<string>()
  for (const event of events) {
    for (const run of waiting) {
      if (taken.has(run.id) || run.contact_id !== event.contact_id || run.wait_event !== event.name) continue
      if (run.wake_at && run.wake_at.getTime() <= now.getTime()) continue
      const wait = run.wait as WaitState
      if (!matchesWhere(wait.where, event.properties)) continue
      taken.add(run.id)
      const port = wait.receivedPort ?? 'received'
      resumed.push({ id: run.id, seq: run.seq + 1, wait: { ...wait, resume: { port, output: { event: snapshot(event) } } } as WaitState })
    }
  }
  if (resumed.length === 0) return 0
  await sql`update runs set seq = v.seq, wait = v.wait, wake_at = ${now}, wait_event = null, updated_at = now()
      from json_to_recordset(${JSON.stringify(resumed)}::json) as v(id bigint, seq int, wait jsonb)
      where runs.id = v.id`.execute(trx)
  for (const run of resumed) tickets.push({ run: run.id, seq: run.seq, runAt: now })
  return resumed.length
}

/** Starts runs at event triggers, honouring each flow's `reentry` setting. */
async function enterFlows(trx: Db, catalog: FlowCatalog, events: StoredEvent[], hooks: Hook[], now: Date, tickets: DueTicket[]): Promise<number> {
  if (hooks.length === 0) return 0
  const flows = await Promise.all(hooks.map((hook) => catalog.get(hook.flow_id, hook.version)))
  const hooksByEvent = new Map<string, Array<{ hook: Hook; where: EventTrigger['where']; reentry: string }>>()
  hooks.forEach((hook, i) => {
    const trigger = flows[i].eventTriggers.find((t) => t.nodeId === hook.node_id && t.event === hook.event_name)
    if (!trigger) return
    const list = hooksByEvent.get(hook.event_name) ?? []
    list.push({ hook, where: trigger.where, reentry: flows[i].settings.reentry })
    hooksByEvent.set(hook.event_name, list)
  })
  const candidates: Array<{ event: StoredEvent; hook: Hook; reentry: string }> = []
  for (const event of events)
    for (const { hook, where, reentry } of hooksByEvent.get(event.name) ?? [])
      if (matchesWhere(where, event.properties)) candidates.push({ event, hook, reentry })
  // Reentry "once": the enrollment row is the guard, so two concurrent batches cannot both enter a contact.
  const onceKeys = [...new Set(candidates.filter((c) => c.reentry === 'once').map((c) => `${c.hook.flow_id}|${c.event.contact_id}`))]
  const admitted = new Set<string>()
  if (onceKeys.length > 0) {
    const pairs = onceKeys.map((k) => ({ flow_id: k.split('|')[0], contact_id: k.split('|')[1] }))
    const { rows } = await sql<{ flow_id: string; contact_id: string }>`insert into flow_enrollments (flow_id, contact_id, entered_at)
        select flow_id, contact_id, ${now} from json_to_recordset(${JSON.stringify(pairs)}::json) as p(flow_id uuid, contact_id bigint)
        on conflict do nothing returning flow_id, contact_id`.execute(trx)
    for (const row of rows) admitted.add(`${row.flow_id}|${row.contact_id}`)
  }
  const runs = []
  for (const { event, hook, reentry } of candidates) {
    const key = `${hook.flow_id}|${event.contact_id}`
    if (reentry === 'once') {
      if (!admitted.has(key)) continue
      admitted.delete(key)
    }
    runs.push({
      flow_id: hook.flow_id, flow_version: hook.version, contact_id: event.contact_id, node_id: hook.node_id,
      entered_at: now, trigger: snapshot(event),
    })
  }
  if (runs.length === 0) return 0
  const { rows: created } = await sql<{ id: string }>`insert into runs (flow_id, flow_version, contact_id, status, node_id,
        node_entered_at, seq, entered_at, trigger)
      select flow_id, flow_version, contact_id, 'running', node_id, entered_at, 0, entered_at, trigger
      from json_to_recordset(${JSON.stringify(runs)}::json) as r(flow_id uuid, flow_version int, contact_id bigint, node_id text,
        entered_at timestamptz, trigger jsonb)
      returning id`.execute(trx)
  for (const run of created) tickets.push({ run: run.id, seq: 0, runAt: now })
  return created.length
}
