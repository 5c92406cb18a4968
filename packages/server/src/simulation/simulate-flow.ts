import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { NodeRegistry } from '@kairos/engine'
import type { Clock } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { KairosError } from '../errors.ts'
import type { ExecutionDeps } from '../execution/advance-runs.ts'
import { toContactSnapshot } from '../execution/run-rows.ts'
import { countIfCommitted } from '../metrics/after-commit.ts'
import type { SimulateBody, SimulationReply } from '../schemas/simulation.ts'
import { refreshMoments } from '../triggers/dates/refresh-moments.ts'
import { copyContacts, type SimulatedContact } from './copy-contacts.ts'
import { copyJourneyState } from './copy-journey-state.ts'
import { scratchFlow } from './scratch-flow.ts'
import { SimulatedClaims } from './simulated-claims.ts'
import { simulationReport } from './simulation-report.ts'
import { MAX_EXPANDED_EVENTS, planSimulation, type PlannedEvent } from './simulation-request.ts'
import { simulationWarnings } from './simulation-warnings.ts'
import { VirtualClock } from './virtual-clock.ts'
import { runVirtualTime, type DueEvent } from './virtual-loop.ts'
import { copySplitDecisions } from '../experiments/split-decisions.ts'

/** Wall time after which a simulation stops where it is and answers with what it has (a warning says so). */
export const SIMULATION_TIME_LIMIT_MS = 30_000

/** What the simulator needs from the server. */
export interface SimulatorDeps {
  db: Db
  registry: NodeRegistry
  clock: Clock
  execution: ExecutionDeps
}

/** Thrown to end the simulation's transaction with a rollback, carrying the answer out of it. */
class RolledBack extends Error {
  readonly reply: SimulationReply
  constructor(reply: SimulationReply) {
    super('simulation rolled back')
    this.reply = reply
  }
}

/**
 * Runs a flow's draft or a version against sample contacts on a virtual
 * clock (docs/simulation.md). Everything happens in one transaction that is
 * rolled back at the end: the engine writes runs, steps, deliveries, coupon
 * codes, tasks and graphile-worker jobs as it always does, and none of it is
 * ever committed, so no message leaves, no job runs and no row of the
 * workspace changes. The contacts simulated are copies made in that
 * transaction, so no real contact row is locked while it runs. Metrics
 * counted by the engine meanwhile are dropped with the rollback
 * (metrics/after-commit.ts), and live-status notifications with it too
 * (Postgres delivers NOTIFY only on commit).
 */
export async function simulateFlow(deps: SimulatorDeps, flowId: string, body: SimulateBody): Promise<SimulationReply> {
  const started = performance.now()
  const plan = planSimulation(body, deps.clock.now())
  try {
    await countIfCommitted(() =>
      deps.db.transaction().execute(async (trx) => {
        // Nothing a simulation touches is locked by others for long; if something is, fail rather than hang.
        await sql`set local lock_timeout = '5s'`.execute(trx)
        const flow = await scratchFlow(trx, flowId, plan.source, deps.registry, deps.execution.channels.kinds)
        await copySplitDecisions(trx, { flowId, version: flow.version }, flow.id)
        const copied = await copyContacts(trx, plan.contacts, randomBytes(6).toString('hex'), plan.startMs)
        await copyJourneyState(trx, flow, copied.contacts)
        const { due, skipped } = resolveEvents(plan.events, copied.contacts, copied.missing, plan.contacts.kind === 'segment')
        const start = new Date(plan.startMs)
        for (const trigger of flow.compiled.dateTriggers)
          await refreshMoments(trx, { flowId: flow.id, flow: flow.compiled, trigger }, copied.contacts, start)

        const clock = new VirtualClock(start)
        const claims = new SimulatedClaims()
        const shownAs = new Map(copied.contacts.map((c) => [c.storedExternalId, c.externalId]))
        const execution: ExecutionDeps = {
          ...deps.execution, db: trx, catalog: flow.catalog, clock, claims, onlyFlow: flow.id, onCommitted: undefined,
          // Tracked links in simulated messages are preview links (/c/preview-01): visibly not live, never stored.
          tracking: deps.execution.tracking && { ...deps.execution.tracking, preview: true },
          contactSnapshot: (row) => ({ ...toContactSnapshot(row), externalId: shownAs.get(row.external_id) ?? row.external_id }),
        }
        const end = await runVirtualTime({
          trx, clock, flow, execution, contactIds: copied.contacts.map((c) => c.id), events: due, endMs: plan.endMs,
          deadline: started + SIMULATION_TIME_LIMIT_MS,
        })
        const report = await simulationReport(trx, flow, copied.contacts, claims.issued)
        throw new RolledBack({
          flow: { id: flowId, version: flow.draft ? null : flow.version, draft: flow.draft },
          from: start.toISOString(),
          to: new Date(plan.endMs).toISOString(),
          timezone: flow.compiled.settings.timezone,
          ...report,
          warnings: simulationWarnings({ report, missing: copied.missing, skipped, end, endMs: plan.endMs }),
          elapsedMs: Math.round(performance.now() - started),
        })
      }),
    )
  } catch (error) {
    if (error instanceof RolledBack) return error.reply
    throw error
  }
  throw new Error('a simulation ended without rolling back')
}

/**
 * The scripted events for the copies: a contact as the request named it, by
 * the external id nodes see, or "*" for all. One naming a contact that was
 * asked for but not found, or (with a segment's random sample) one not drawn,
 * is skipped (a warning says so); one naming a contact not asked for at all
 * is refused.
 */
function resolveEvents(
  events: PlannedEvent[],
  contacts: SimulatedContact[],
  missing: string[],
  sampled: boolean,
): { due: DueEvent[]; skipped: PlannedEvent[] } {
  const stored = new Map<string, string>()
  for (const c of contacts) {
    stored.set(c.externalId, c.storedExternalId)
    stored.set(c.name, c.storedExternalId)
  }
  const all = contacts.map((c) => c.storedExternalId)
  const notFound = new Set(missing)
  const due: DueEvent[] = []
  const skipped: PlannedEvent[] = []
  let expanded = 0
  for (const event of events) {
    const to = event.contact === '*' ? all : stored.has(event.contact) ? [stored.get(event.contact)!] : undefined
    if (!to) {
      if (sampled || notFound.has(event.contact)) skipped.push(event)
      else
        throw new KairosError('KAIROS_VALIDATION', `body.events[${event.index}].contact: "${event.contact}" is not one of the simulated contacts`, [
          { field: `body.events[${event.index}].contact`, message: `"${event.contact}" is not one of the simulated contacts (name one of them, or "*" for all)` },
        ])
      continue
    }
    expanded += to.length
    due.push({ atMs: event.atMs, contacts: to, name: event.name, properties: event.properties })
  }
  if (expanded > MAX_EXPANDED_EVENTS)
    throw new KairosError('KAIROS_VALIDATION', `body.events: ${expanded} events once "*" is applied to every contact; at most ${MAX_EXPANDED_EVENTS.toLocaleString('en')}`, [
      { field: 'body.events', message: `come to ${expanded} events once "*" is applied to every contact; at most ${MAX_EXPANDED_EVENTS.toLocaleString('en')}` },
    ])
  return { due, skipped }
}
