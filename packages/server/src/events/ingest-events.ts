import { sql } from 'kysely'
import { parseDuration, type Clock } from '@kairos/sdk'
import type { CompiledFlow } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import { retryTransient } from '../db/retry.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { lockContactIds } from '../contacts/lock-contacts.ts'
import { applyEvents, type ActiveRun, type EntryPoint, type StoredEvent } from './apply-events.ts'
import { writeJourneyChanges } from './write-journey-changes.ts'
import { recordGoals } from './record-goals.ts'
import { countEventsIngested, observeIngest } from '../metrics/process-metrics.ts'
import { IngestTally } from './ingest-tally.ts'

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
  /** Runs whose flow goal this batch met. */
  runsConverted: number
}

export interface IngestDeps {
  db: Db
  catalog: FlowCatalog
  clock: Clock
  /** Only this flow's triggers enter anyone (a journey simulation's own flow); default every active flow's. */
  onlyFlow?: string
}

/**
 * Stores a batch of events and applies them to journeys in the same
 * transaction, in the order received (see `applyEvents`). A repeated event id
 * is accepted and ignored. The batch's contacts are locked first, in id order,
 * as run batches lock them: an event and a run moving into a wait for it can
 * never pass each other unseen. A fixed number of statements whatever the
 * batch size; a transaction that loses a deadlock race is run again whole.
 */
export async function ingestEvents(deps: IngestDeps, events: IncomingEvent[]): Promise<IngestResult> {
  return (await ingestGroups(deps, [events]))[0]
}

/**
 * Ingests several requests' batches in one transaction (group commit, see
 * group-commit.ts): all their events in arrival order, as if posted as one
 * batch, and each group's own result. All commit together or none does.
 */
export async function ingestGroups(deps: IngestDeps, groups: IncomingEvent[][]): Promise<IngestResult[]> {
  const started = performance.now()
  const results = await retryTransient(() => deps.db.transaction().execute((trx) => ingestGroupsInTransaction(trx, deps, groups)))
  observeIngest((performance.now() - started) / 1000)
  return results
}

/** Ingests inside a transaction the caller already holds (it must lock contacts in id order first, or none). */
export async function ingestInTransaction(trx: Db, deps: IngestDeps, events: IncomingEvent[]): Promise<IngestResult> {
  return (await ingestGroupsInTransaction(trx, deps, [events]))[0]
}

async function ingestGroupsInTransaction(trx: Db, deps: IngestDeps, groups: IncomingEvent[][]): Promise<IngestResult[]> {
  const now = deps.clock.now()
  const events = groups.flat()
  const tally = new IngestTally(groups)
  const externalIds = [...new Set(events.map((e) => e.contact))]
  await sql`insert into contacts (external_id) select unnest(${externalIds}::text[]) on conflict (external_id) do nothing`.execute(trx)
  const contacts = await lockContactIds(trx, externalIds)
  const contactId = new Map(contacts.map((c) => [c.external_id, c.id]))

  const rows = events.map((e, ord) => ({
    ord,
    contact_id: contactId.get(e.contact)!,
    name: e.name,
    properties: e.properties ?? {},
    idempotency_id: e.id ?? null,
    occurred_at: e.occurredAt ?? now.toISOString(),
  }))
  const { rows: stored } = await sql<StoredEvent & { idempotency_id: string | null }>`insert into events (contact_id, name, properties, idempotency_id, occurred_at)
      select contact_id, name, properties, idempotency_id, occurred_at
      from json_to_recordset(${JSON.stringify(rows)}::json) as e(ord int, contact_id bigint, name text, properties jsonb,
        idempotency_id text, occurred_at timestamptz)
      order by ord
      on conflict (idempotency_id) where idempotency_id is not null do nothing
      returning id, contact_id, name, properties, occurred_at, idempotency_id`.execute(trx)
  // Identity ids follow insertion order, which follows `ord`: sorting restores the order received.
  stored.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))
  tally.stored(stored)
  countEventsIngested(stored.length, events.length - stored.length)
  if (stored.length === 0) return tally.results()

  const contactIds = [...new Set(stored.map((e) => e.contact_id))]
  const names = [...new Set(stored.map((e) => e.name))]
  // Triggers of live versions, and whether any version (runs may be on older ones) has one of
  // these events as its goal: without one, recording goals is skipped.
  const { rows: hookRows } = await sql<{ flow_id: string; version: number; node_id: string; kind: 'enter' | 'goal' }>`
      select h.flow_id, h.version, h.node_id, h.kind from flow_event_hooks h
      left join flows f on f.id = h.flow_id and f.published_version = h.version and f.status = 'active'
      where h.event_name = any(${names}::text[]) and (h.kind = 'goal' or (h.kind = 'enter' and f.id is not null))
        ${deps.onlyFlow === undefined ? sql`` : sql`and h.flow_id = ${deps.onlyFlow}`}`.execute(trx)
  const hooks = hookRows.filter((h) => h.kind === 'enter')
  const activeRuns = await trx
    .selectFrom('runs')
    .select(['id', 'contact_id', 'flow_id', 'flow_version', 'status', 'seq', 'node_id', 'node_entered_at', 'wake_at', 'wait_event', 'wait'])
    .where('contact_id', 'in', contactIds)
    .where('status', 'in', ['running', 'waiting'])
    .execute()

  const { flows } = await deps.catalog.getLoadable([...hooks.map((h) => ({ flowId: h.flow_id, version: h.version })), ...activeRuns.map((r) => ({ flowId: r.flow_id, version: r.flow_version }))], trx)
  // A version this process cannot load (a node type whose plugin it lacks, `unloadable`) must not
  // fail the whole request (a 500 its client retries for ever). It enters no one here; a run of it
  // waiting for this event is still resumed, since the wait needs only what the run row holds, and
  // the advance path then runs it where the plugin is loaded or fails it with the reason and the
  // plugin set. Its exitOn events, which need the compiled settings, are not applied here.
  const entryPoints: EntryPoint[] = hooks.flatMap((hook) => {
    const flow = flows.get(`${hook.flow_id}@${hook.version}`)
    if (!flow) return []
    return flow.eventTriggers
      .filter((t) => t.nodeId === hook.node_id && names.includes(t.event))
      .map((t) => ({
        flowId: hook.flow_id, version: hook.version, nodeId: t.nodeId, event: t.event, where: t.where,
        reentry: flow.settings.reentry,
        cooldownMs: flow.settings.reentryAfter ? parseDuration(flow.settings.reentryAfter) : undefined,
      }))
  })
  const guardedFlows = [...new Set(entryPoints.filter((e) => e.reentry !== 'always').map((e) => e.flowId))]
  const enrolled = new Map<string, Date>()
  if (guardedFlows.length > 0) {
    const rows = await trx
      .selectFrom('flow_enrollments')
      .select(['flow_id', 'contact_id', 'entered_at'])
      .where('flow_id', 'in', guardedFlows)
      .where('contact_id', 'in', contactIds)
      .execute()
    for (const row of rows) enrolled.set(`${row.flow_id}|${row.contact_id}`, row.entered_at)
  }

  const changes = applyEvents({ events: stored, activeRuns: activeRuns as ActiveRun[], entryPoints, flows, enrolled, now })
  await writeJourneyChanges(trx, changes, flows, now)
  tally.changes(changes, hookRows.some((h) => h.kind === 'goal') ? await recordGoals(trx, deps.catalog, stored) : [])
  return tally.results()
}
