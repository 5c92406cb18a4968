import { isDuration, parseDuration } from '@kairos/sdk'
import { KairosError, type ErrorDetail } from '../errors.ts'
import type { InlineContact, SimulateBody } from '../schemas/simulation.ts'

/** Contacts one simulation may run: a bound on its transaction's size and time. */
export const MAX_SIMULATED_CONTACTS = 1000
/** Scripted events one request may name (before "*" fans them out). */
export const MAX_SCRIPTED_EVENTS = 10_000
/** Events once "*" is fanned out over the contacts. */
export const MAX_EXPANDED_EVENTS = 100_000
/** The longest horizon: a quarter of virtual time. */
export const MAX_HORIZON_MS = 90 * 86_400_000

/** An event the simulation ingests when the virtual clock reaches `atMs`. */
export interface PlannedEvent {
  index: number
  atMs: number
  /** As the request named the contact, or "*". */
  contact: string
  name: string
  properties: Record<string, unknown>
}

/** Who to simulate, as the request named them. */
export type ContactSelection =
  | { kind: 'list'; refs: Array<{ index: number; ref: string }>; inline: Array<{ index: number; name: string; contact: InlineContact }> }
  | { kind: 'segment'; segment: string; sample: number }

/** A request checked and resolved against the virtual start. */
export interface SimulationPlan {
  source: { draft: true } | { version: number }
  contacts: ContactSelection
  events: PlannedEvent[]
  startMs: number
  endMs: number
}

const RELATIVE = /^\+((\d+(ms|s|m|h|d|w))+)$/
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Checks what the schema cannot (bounds, durations, times within the horizon,
 * names used twice) and reports every problem at once, each naming its field.
 * `now` is the virtual start when the request gives none.
 */
export function planSimulation(body: SimulateBody, now: Date): SimulationPlan {
  const problems: ErrorDetail[] = []
  if (body.version !== undefined && body.draft) problems.push({ field: 'body.draft', message: 'give version or draft, not both' })

  const startMs = body.now === undefined ? now.getTime() : Date.parse(body.now)
  let horizonMs = 0
  if (!isDuration(body.horizon)) problems.push({ field: 'body.horizon', message: `"${body.horizon}" is not a duration such as 10d, 36h or 2w` })
  else if ((horizonMs = parseDuration(body.horizon)) > MAX_HORIZON_MS) problems.push({ field: 'body.horizon', message: 'must be at most 90d' })
  const endMs = startMs + horizonMs

  const contacts = selection(body.contacts, problems)
  const events: PlannedEvent[] = []
  const scripted = body.events ?? []
  if (scripted.length > MAX_SCRIPTED_EVENTS)
    problems.push({ field: 'body.events', message: `has ${scripted.length} events; at most ${MAX_SCRIPTED_EVENTS.toLocaleString('en')} per simulation` })
  else
    scripted.forEach((event, index) => {
      const atMs = eventTime(event.at, startMs)
      if (atMs === null) problems.push({ field: `body.events[${index}].at`, message: 'must be "+<duration>" (e.g. +2h) or an ISO time with its zone' })
      else if (atMs < startMs || atMs > endMs) problems.push({ field: `body.events[${index}].at`, message: `must fall within the horizon (${iso(startMs)} to ${iso(endMs)})` })
      else events.push({ index, atMs, contact: event.contact, name: event.name, properties: event.properties ?? {} })
    })
  if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems)
  // In time order; events at the same instant in the order given.
  events.sort((a, b) => a.atMs - b.atMs || a.index - b.index)
  return { source: body.version !== undefined ? { version: body.version } : { draft: true }, contacts, events, startMs, endMs }
}

function selection(contacts: SimulateBody['contacts'], problems: ErrorDetail[]): ContactSelection {
  if (!Array.isArray(contacts)) {
    if (contacts.sample > MAX_SIMULATED_CONTACTS) problems.push({ field: 'body.contacts.sample', message: `must be at most ${MAX_SIMULATED_CONTACTS.toLocaleString('en')}` })
    return { kind: 'segment', segment: contacts.segment, sample: contacts.sample }
  }
  if (contacts.length > MAX_SIMULATED_CONTACTS)
    problems.push({ field: 'body.contacts', message: `has ${contacts.length} contacts; at most ${MAX_SIMULATED_CONTACTS.toLocaleString('en')} per simulation` })
  const refs: Array<{ index: number; ref: string }> = []
  const inline: Array<{ index: number; name: string; contact: InlineContact }> = []
  const seen = new Set<string>(['*'])
  contacts.forEach((item, index) => {
    const name = typeof item === 'string' ? item : (item.externalId ?? `inline-${inline.length + 1}`)
    if (seen.has(name)) problems.push({ field: `body.contacts[${index}]`, message: name === '*' ? '"*" cannot name a contact' : `"${name}" is named twice` })
    seen.add(name)
    if (typeof item === 'string') refs.push({ index, ref: item })
    else inline.push({ index, name, contact: item })
  })
  return { kind: 'list', refs, inline }
}

function eventTime(at: string, startMs: number): number | null {
  const relative = RELATIVE.exec(at)
  // "+0m" is the start itself, which a duration (longer than zero) cannot say.
  if (relative) return /^(0+(ms|s|m|h|d|w))+$/.test(relative[1]) ? startMs : isDuration(relative[1]) ? startMs + parseDuration(relative[1]) : null
  if (!ISO_TIME.test(at)) return null
  const ms = Date.parse(at)
  return Number.isNaN(ms) ? null : ms
}

const iso = (ms: number) => new Date(ms).toISOString()
