import type { SimulationReply } from '../schemas/simulation.ts'
import type { PlannedEvent } from './simulation-request.ts'
import type { LoopEnd } from './virtual-loop.ts'

type Warning = SimulationReply['warnings'][number]

/** Contacts named one by one in a warning; past this, one warning counts the rest. */
const NAMED = 20

/**
 * What the operator should know before trusting the answer: contacts asked
 * for and not found, events skipped with them, contacts no trigger let in,
 * runs still in the journey when the horizon ends (the answer does not show
 * what they do next), and a simulation stopped before its horizon.
 */
export function simulationWarnings(input: {
  report: Pick<SimulationReply, 'contacts'>
  missing: string[]
  skipped: PlannedEvent[]
  end: LoopEnd
  endMs: number
}): Warning[] {
  const warnings: Warning[] = []
  for (const ref of input.missing)
    warnings.push({ code: 'contact_not_found', message: `no stored contact has the external id or id "${ref}"; it was not simulated`, contact: ref })
  for (const event of input.skipped)
    warnings.push({ code: 'event_skipped', message: `events[${event.index}] (${event.name}) names "${event.contact}", who is not simulated (not found, or not in the sample); it was skipped`, contact: event.contact })

  const idle = input.report.contacts.filter((c) => c.runs.length === 0)
  for (const c of idle.slice(0, NAMED))
    warnings.push({ code: 'never_entered', message: `"${c.contact}" never entered the journey: no trigger fired for them within the horizon`, contact: c.contact })
  if (idle.length > NAMED) warnings.push({ code: 'never_entered', message: `${idle.length - NAMED} more contacts never entered the journey` })

  const open = input.report.contacts.flatMap((c) => c.runs.filter((r) => r.waiting !== null))
  if (open.length > 0) {
    const wakes = open.map((r) => r.waiting!.until).filter((at): at is string => at !== null).sort()
    const next = wakes.length > 0 ? `; the next wakes at ${wakes[0]}` : ''
    warnings.push({
      code: 'still_waiting',
      message: `${open.length} run(s) are still in the journey when the horizon ends (${new Date(input.endMs).toISOString()})${next}: a longer horizon shows what they do next`,
    })
  }

  const stopped = input.end.stoppedAt
  if (stopped)
    warnings.push({
      code: 'stopped_early',
      message:
        stopped.reason === 'time'
          ? `the simulation took too long and stopped at ${new Date(stopped.atMs).toISOString()}, before the horizon: simulate fewer contacts or a shorter horizon`
          : `the journey kept taking steps at ${new Date(stopped.atMs).toISOString()} without time passing (a node that keeps running out of time?); the simulation stopped there`,
    })
  return warnings
}
