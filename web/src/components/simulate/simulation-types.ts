// The simulator's request and answer as the editor uses them, from the generated API types
// (POST /api/flows/:id/simulate, docs/simulation.md), and the form the panel edits.
import type { ApiBody, ApiReply } from '../../api/types.ts'

export type SimulationBody = ApiBody<'/api/flows/{id}/simulate', 'post'>
export type SimulationResult = ApiReply<'/api/flows/{id}/simulate', 'post'>
export type SimulatedContact = SimulationResult['contacts'][number]
export type SimulatedRun = SimulatedContact['runs'][number]
export type SimulatedStep = SimulatedRun['steps'][number]
export type SimulatedMessage = NonNullable<SimulatedStep['message']>
export type SimulationWarning = SimulationResult['warnings'][number]

/** One attribute of a test contact, as a key/value row. */
export interface AttributeRow {
  key: string
  value: string
}

/** A contact made up for the simulation only: never stored. */
export interface InlineContactForm {
  name: string
  attributes: AttributeRow[]
}

/** A scripted event row: "+2h" or a date and time (24-hour, the browser's zone), who, what. */
export interface EventForm {
  at: string
  contact: string
  name: string
  properties: string
}

/** The set-up form of the Simulate panel. */
export interface SimulationForm {
  /** 'draft', or a published version's number. */
  source: 'draft' | number
  who: 'contacts' | 'segment'
  stored: Array<{ externalId: string; name: string | null }>
  inline: InlineContactForm[]
  segment: string
  sample: number
  horizon: '1d' | '3d' | '10d' | 'custom'
  customHorizon: string
  /** Empty: start now. Else a date YYYY-MM-DD and a 24-hour time, in the browser's zone. */
  startDate: string
  startTime: string
  events: EventForm[]
}

export function emptyForm(): SimulationForm {
  return { source: 'draft', who: 'contacts', stored: [], inline: [], segment: '', sample: 50, horizon: '3d', customHorizon: '', startDate: '', startTime: '09:00', events: [] }
}

/** A problem to show: where (in the form's words) and what. */
export interface SimulationProblem {
  where: string | null
  message: string
}
