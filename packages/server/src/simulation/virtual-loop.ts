import { sql } from 'kysely'
import { nextCronTick } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { advanceInTransaction, type ExecutionDeps } from '../execution/advance-runs.ts'
import { ingestInTransaction, type IncomingEvent } from '../events/ingest-events.ts'
import { sweepBatch } from '../triggers/dates/sweep-moments.ts'
import { enrollBatch, FANOUT_BATCH } from '../triggers/schedule/fan-out.ts'
import { startTick } from '../triggers/schedule/run-tick.ts'
import { scheduleZone } from '../triggers/schedule/schedule-jobs.ts'
import type { ScratchFlow } from './scratch-flow.ts'
import type { RunTicket } from '../execution/jobs.ts'
import { settleDueDeliveries, settleSimulatedEffects } from './settle-simulated.ts'
import type { VirtualClock } from './virtual-clock.ts'

/** Runs moved per advance batch: the size of a production batch of two jobs merged. */
const ADVANCE_BATCH = 1000
/** Rounds of work at one virtual instant before the loop gives up on it (a node that keeps running out of time). */
const MAX_ROUNDS_AT_ONE_INSTANT = 200

/** An event to ingest when the clock reaches `atMs`, for the copies' stored external ids. */
export interface DueEvent {
  atMs: number
  contacts: string[]
  name: string
  properties: Record<string, unknown>
}

export interface LoopInput {
  trx: Db
  clock: VirtualClock
  flow: ScratchFlow
  /** The engine's dependencies, bound to the transaction, the virtual clock and the simulation's claims. */
  execution: ExecutionDeps
  /** The copies' ids: the only audience a schedule tick may enter. */
  contactIds: string[]
  /** In time order. */
  events: DueEvent[]
  endMs: number
  /** Wall-clock time (performance.now()) after which the loop stops where it is. */
  deadline: number
}

/** Where the loop stopped early, and why; undefined when it reached the horizon. */
export interface LoopEnd {
  stoppedAt?: { atMs: number; reason: 'time' | 'instant' }
}

/** The simulated flow's runs due now, and the next wait's end and date moment after now. */
interface Agenda {
  due: RunTicket[]
  wake: Date | null
  moment: Date | null
}

/**
 * Moves the virtual clock over the horizon and runs, at each moment something
 * is due, the production code for it, in this order: scripted events through
 * ingestion (entries, exits, resumed waits, goals), schedule ticks and their
 * fan-out, due date moments through the sweep; then every run that is due
 * through the advance batch, with the messages and effects it queues settled
 * as they come due (without a provider, without running the effect) and the
 * runs waiting for them advanced again, until nothing more is due then. Then
 * the clock jumps to the earliest of the next wait's end, scripted event,
 * tick, date moment and deferred message, up to the end of the horizon.
 *
 * Messages and effects are only ever made by the advance batch, at the
 * instant it runs (their created_at), so the loop learns of them from each
 * batch by that instant and keeps them in memory; runs and moments change by
 * many paths and are asked for once a round.
 */
export async function runVirtualTime(input: LoopInput): Promise<LoopEnd> {
  const { trx, clock, flow, execution } = input
  const deps = { db: trx, catalog: flow.catalog, clock }
  const events = [...input.events]
  const ticks = flow.compiled.scheduleTriggers.map((trigger) => ({
    trigger,
    next: nextCronTick(trigger.cron, clock.now(), scheduleZone(trigger, flow.compiled))?.getTime() ?? null,
  }))
  /** Queued messages of the simulated flow → when they go out. */
  const queued = new Map<string, number>()
  const effects = new Set<string>()
  let rounds = 0
  for (;;) {
    if (performance.now() > input.deadline) return { stoppedAt: { atMs: clock.ms, reason: 'time' } }
    const now = clock.now()
    const agenda = await agendaOf(trx, flow.id, now)
    const dueEvents = events.filter((e) => e.atMs <= now.getTime())
    const dueTicks = ticks.filter((t) => t.next !== null && t.next <= now.getTime())
    const dueMoment = agenda.moment !== null && agenda.moment.getTime() <= now.getTime()
    if (dueEvents.length > 0 || dueTicks.length > 0 || dueMoment || agenda.due.length > 0) {
      if (++rounds > MAX_ROUNDS_AT_ONE_INSTANT) return { stoppedAt: { atMs: now.getTime(), reason: 'instant' } }
      // What enters or wakes runs comes first; the runs it makes due are in the next round's agenda.
      if (dueEvents.length > 0 || dueTicks.length > 0 || dueMoment) {
        if (dueEvents.length > 0) {
          events.splice(0, dueEvents.length)
          await ingestInTransaction(trx, { ...deps, onlyFlow: flow.id }, dueEvents.flatMap(incoming))
        }
        for (const tick of dueTicks) {
          const tickId = await startTick(trx, deps, { flow: flow.id, node: tick.trigger.nodeId, tickAt: new Date(tick.next!).toISOString() })
          if (tickId) while (await enrollBatch(trx, deps, tickId, FANOUT_BATCH, input.contactIds));
          tick.next = nextCronTick(tick.trigger.cron, new Date(tick.next!), scheduleZone(tick.trigger, flow.compiled))?.getTime() ?? null
        }
        if (dueMoment) while (await sweepBatch(trx, deps, { flowId: flow.id }));
        continue
      }
      let tickets = agenda.due
      while (tickets.length > 0) {
        for (let i = 0; i < tickets.length; i += ADVANCE_BATCH) await advanceInTransaction(trx, execution, tickets.slice(i, i + ADVANCE_BATCH))
        await noteQueued(trx, flow.id, now, tickets, queued, effects)
        const sending = [...queued].filter(([, at]) => at <= now.getTime()).map(([id]) => id)
        for (const id of sending) queued.delete(id)
        const settling = [...effects]
        effects.clear()
        tickets = [...(await settleDueDeliveries(trx, sending, now)), ...(await settleSimulatedEffects(trx, settling, now))]
      }
      continue
    }
    rounds = 0
    const next = Math.min(
      ...[events[0]?.atMs, ...ticks.map((t) => t.next), agenda.wake?.getTime(), agenda.moment?.getTime(), ...queued.values()].filter(
        (at): at is number => typeof at === 'number',
      ),
    )
    if (!Number.isFinite(next) || next > input.endMs) return {}
    clock.moveTo(next)
    // Messages deferred to this instant go out before the runs due now move on.
    const sending = [...queued].filter(([, at]) => at <= next).map(([id]) => id)
    for (const id of sending) queued.delete(id)
    await settleDueDeliveries(trx, sending, clock.now())
  }
}

/** The scripted event as ingestion takes it, once per contact it names. */
function incoming(event: DueEvent): IncomingEvent[] {
  const occurredAt = new Date(event.atMs).toISOString()
  return event.contacts.map((contact) => ({ contact, name: event.name, properties: event.properties, occurredAt }))
}

/** One query a round: the runs due now (running, or waiting with their time up), the next wait's end, the next date moment. */
async function agendaOf(trx: Db, flowId: string, now: Date): Promise<Agenda> {
  const { rows } = await sql<Agenda>`select
      (select coalesce(json_agg(json_build_object('run', id::text, 'seq', seq) order by id), '[]'::json) from runs
        where flow_id = ${flowId} and (status = 'running' or (status = 'waiting' and wake_at <= ${now}))) as due,
      (select min(wake_at) from runs where flow_id = ${flowId} and status = 'waiting' and wake_at > ${now}) as wake,
      (select min(due_at) from date_trigger_moments where flow_id = ${flowId}) as moment`.execute(trx)
  return rows[0]
}

/** The messages the batch just queued (made at `now`, as every message of an advance is) and the effects it asked for. */
async function noteQueued(trx: Db, flowId: string, now: Date, tickets: RunTicket[], queued: Map<string, number>, effects: Set<string>): Promise<void> {
  const { rows } = await sql<{ queued: Array<{ id: string; at: string }>; effects: string[] }>`select
      (select coalesce(json_agg(json_build_object('id', id, 'at', send_at)), '[]'::json) from deliveries
        where flow_id = ${flowId} and created_at = ${now} and status in ('scheduled', 'queued')) as queued,
      (select coalesce(json_agg(id), '[]'::json) from effects where run_id = any(${tickets.map((t) => t.run)}::bigint[]) and status = 'pending') as effects`.execute(trx)
  for (const d of rows[0].queued) queued.set(d.id, Date.parse(d.at))
  for (const id of rows[0].effects) effects.add(id)
}
