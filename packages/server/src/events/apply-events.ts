import { matchesWhere, type EventSnapshot } from '@kairos/sdk'
import type { CompiledFlow, WaitState } from '@kairos/engine'

/** An event as stored, in the order it was received. */
export interface StoredEvent {
  id: string
  contact_id: string
  name: string
  properties: Record<string, unknown>
  occurred_at: Date
}

/** A run that is still in a journey (running or waiting), as ingestion sees it. */
export interface ActiveRun {
  id: string
  contact_id: string
  flow_id: string
  flow_version: number
  status: 'running' | 'waiting'
  seq: number
  node_id: string
  node_entered_at: Date
  wake_at: Date | null
  wait_event: string | null
  wait: WaitState | null
}

/** A trigger of an active flow's published version that listens to an event name. */
export interface EntryPoint {
  flowId: string
  version: number
  nodeId: string
  event: string
  where?: Record<string, unknown>
  reentry: 'once' | 'always' | 'after'
  /** For reentry "after": how long since the last entry before a contact may enter again. */
  cooldownMs?: number
}

/** A run that an event in this batch starts; `exitedBy` is set when a later event in the batch ends it. */
export interface NewRun {
  flowId: string
  version: number
  nodeId: string
  contactId: string
  trigger: EventSnapshot
  exitedBy?: StoredEvent
}

/** What a batch of events does to journeys, decided in event order. */
export interface JourneyChanges {
  exited: Array<{ run: ActiveRun; event: StoredEvent }>
  resumed: Array<{ run: ActiveRun; event: StoredEvent }>
  started: NewRun[]
  /** (flow, contact) entries to record, for reentry "once" and "after". */
  enrollments: Array<{ flowId: string; contactId: string }>
}

export function snapshot(event: StoredEvent): EventSnapshot {
  return { id: event.id, name: event.name, properties: event.properties, occurredAt: new Date(event.occurred_at).toISOString() }
}

/**
 * Applies events one by one, in the order received, exactly as if each had
 * been posted alone: an event first ends the contact's runs whose flow
 * version lists it in `exitOn`, then wakes runs waiting for it (unless their
 * timeout has passed), then starts runs at matching triggers. So a batch
 * `[signed_up, unsubscribed]` starts a run and ends it. Pure: the caller loads
 * the state and writes the changes.
 */
export function applyEvents(input: {
  events: StoredEvent[]
  activeRuns: ActiveRun[]
  entryPoints: EntryPoint[]
  flows: Map<string, CompiledFlow>
  /** "flow|contact" → when the contact last entered the flow (reentry "once" and "after"). */
  enrolled: Map<string, Date>
  now: Date
}): JourneyChanges {
  const changes: JourneyChanges = { exited: [], resumed: [], started: [], enrollments: [] }
  const runsOf = new Map<string, ActiveRun[]>()
  for (const run of input.activeRuns) {
    const list = runsOf.get(run.contact_id) ?? []
    list.push(run)
    runsOf.set(run.contact_id, list)
  }
  const newRunsOf = new Map<string, NewRun[]>()
  const done = new Set<string>()
  const exitOn = (flowId: string, version: number) => input.flows.get(`${flowId}@${version}`)?.settings.exitOn ?? []

  for (const event of input.events) {
    const contact = event.contact_id
    for (const run of runsOf.get(contact) ?? []) {
      if (done.has(run.id) || !exitOn(run.flow_id, run.flow_version).includes(event.name)) continue
      done.add(run.id)
      changes.exited.push({ run, event })
    }
    for (const run of newRunsOf.get(contact) ?? [])
      if (!run.exitedBy && exitOn(run.flowId, run.version).includes(event.name)) run.exitedBy = event

    for (const run of runsOf.get(contact) ?? []) {
      if (done.has(run.id) || run.status !== 'waiting' || run.wait_event !== event.name) continue
      if (run.wake_at && run.wake_at.getTime() <= input.now.getTime()) continue
      if (!matchesWhere(run.wait?.where, event.properties)) continue
      done.add(run.id)
      changes.resumed.push({ run, event })
    }

    for (const entry of input.entryPoints) {
      if (entry.event !== event.name || !matchesWhere(entry.where, event.properties)) continue
      if (entry.reentry !== 'always') {
        const key = `${entry.flowId}|${contact}`
        const last = input.enrolled.get(key)
        if (last && (entry.reentry === 'once' || input.now.getTime() - last.getTime() < (entry.cooldownMs ?? 0))) continue
        input.enrolled.set(key, input.now)
        changes.enrollments.push({ flowId: entry.flowId, contactId: contact })
      }
      const run: NewRun = { flowId: entry.flowId, version: entry.version, nodeId: entry.nodeId, contactId: contact, trigger: snapshot(event) }
      changes.started.push(run)
      newRunsOf.set(contact, [...(newRunsOf.get(contact) ?? []), run])
    }
  }
  return changes
}
