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

/** What is due at the current instant, and the next moment of each kind after it. */
interface Agenda {
  running: boolean
  wake: Date | null
  moment: Date | null
  send: Date | null
  effects: boolean
}

/**
 * Moves the virtual clock over the horizon and runs, at each moment something
 * is due, the production code for it, in this order: scripted events through
 * ingestion (entries, exits, resumed waits, goals), schedule ticks and their
 * fan-out, due date moments through the sweep, messages due to go out
 * (settled as their provider's job would, without the provider), effects
 * (settled without running), then every run that is due through the advance
 * batch. Work at one instant repeats until nothing more is due then; then the
 * clock jumps to the earliest of the next wait's end, scripted event, tick,
 * date moment and deferred message, up to the end of the horizon.
 */
export async function runVirtualTime(input: LoopInput): Promise<LoopEnd> {
  const { trx, clock, flow, execution } = input
  const deps = { db: trx, catalog: flow.catalog, clock }
  const events = [...input.events]
  const ticks = flow.compiled.scheduleTriggers.map((trigger) => ({
    trigger,
    next: nextCronTick(trigger.cron, clock.now(), scheduleZone(trigger, flow.compiled))?.getTime() ?? null,
  }))
  let rounds = 0
  for (;;) {
    if (performance.now() > input.deadline) return { stoppedAt: { atMs: clock.ms, reason: 'time' } }
    const now = clock.ms
    const agenda = await agendaOf(trx, flow.id)
    const due = (at: Date | null | number) => at !== null && (typeof at === 'number' ? at : at.getTime()) <= now
    const dueEvents = events.filter((e) => e.atMs <= now)
    const dueTicks = ticks.filter((t) => t.next !== null && t.next <= now)
    const busy = dueEvents.length > 0 || dueTicks.length > 0 || due(agenda.moment) || due(agenda.send) || agenda.effects || agenda.running || due(agenda.wake)
    if (busy) {
      if (++rounds > MAX_ROUNDS_AT_ONE_INSTANT) return { stoppedAt: { atMs: now, reason: 'instant' } }
      if (dueEvents.length > 0) {
        events.splice(0, dueEvents.length)
        await ingestInTransaction(trx, { ...deps, onlyFlow: flow.id }, dueEvents.flatMap(incoming))
      }
      for (const tick of dueTicks) {
        const tickId = await startTick(trx, deps, { flow: flow.id, node: tick.trigger.nodeId, tickAt: new Date(tick.next!).toISOString() })
        if (tickId) while (await enrollBatch(trx, deps, tickId, FANOUT_BATCH, input.contactIds));
        tick.next = nextCronTick(tick.trigger.cron, new Date(tick.next!), scheduleZone(tick.trigger, flow.compiled))?.getTime() ?? null
      }
      if (due(agenda.moment)) while (await sweepBatch(trx, deps, { flowId: flow.id }));
      if (due(agenda.send)) await settleDueDeliveries(trx, flow.id, clock.now())
      if (agenda.effects) await settleSimulatedEffects(trx, flow.id, clock.now())
      if (agenda.running || due(agenda.wake)) await advanceDue(trx, execution, flow.id, clock.now())
      continue
    }
    rounds = 0
    const next = Math.min(
      ...[events[0]?.atMs, ...ticks.map((t) => t.next), agenda.wake?.getTime(), agenda.moment?.getTime(), agenda.send?.getTime()].filter(
        (at): at is number => typeof at === 'number',
      ),
    )
    if (!Number.isFinite(next) || next > input.endMs) return {}
    clock.moveTo(next)
  }
}

/** The scripted event as ingestion takes it, once per contact it names. */
function incoming(event: DueEvent): IncomingEvent[] {
  const occurredAt = new Date(event.atMs).toISOString()
  return event.contacts.map((contact) => ({ contact, name: event.name, properties: event.properties, occurredAt }))
}

/** One query for everything the simulated flow has pending: the earliest of each kind, due or not. */
async function agendaOf(trx: Db, flowId: string): Promise<Agenda> {
  const { rows } = await sql<Agenda>`select
      exists (select 1 from runs where flow_id = ${flowId} and status = 'running') as running,
      (select min(wake_at) from runs where flow_id = ${flowId} and status = 'waiting') as wake,
      (select min(due_at) from date_trigger_moments where flow_id = ${flowId}) as moment,
      (select min(send_at) from deliveries where flow_id = ${flowId} and status = 'queued') as send,
      exists (select 1 from effects where flow_id = ${flowId} and status = 'pending') as effects`.execute(trx)
  return rows[0]
}

/** Every run of the simulated flow that is due now, through the production batch, in batches. */
async function advanceDue(trx: Db, execution: ExecutionDeps, flowId: string, now: Date): Promise<void> {
  const tickets = await trx
    .selectFrom('runs')
    .select(['id as run', 'seq'])
    .where('flow_id', '=', flowId)
    .where((eb) => eb.or([eb('status', '=', 'running'), eb.and([eb('status', '=', 'waiting'), eb('wake_at', '<=', now)])]))
    .orderBy('id')
    .execute()
  for (let i = 0; i < tickets.length; i += ADVANCE_BATCH) await advanceInTransaction(trx, execution, tickets.slice(i, i + ADVANCE_BATCH))
}
