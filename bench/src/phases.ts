/** The bench's phases, in the order `main.ts` runs them. */
export const PHASES = ['idle', 'http', 'ingest', 'steps', 'live', 'wake', 'noop', 'segment', 'tick', 'date', 'simulate', 'retention'] as const
export type Phase = (typeof PHASES)[number]

// The schedule tick and the date sweep enter the contacts the segment phase seeds: without it
// they would measure an empty audience.
const NEEDS: Partial<Record<Phase, Phase[]>> = { tick: ['segment'], date: ['segment'] }

/**
 * The phases KAIROS_BENCH_ONLY asks for (a comma list such as `http` or
 * `ingest,steps`), plus those they need; every phase when it is unset or
 * empty. An unknown name is an error that lists the known ones, so a typo
 * never silently runs nothing.
 */
export function selectPhases(only: string | undefined): Set<Phase> {
  const names = (only ?? '').split(',').map((n) => n.trim()).filter(Boolean)
  if (names.length === 0) return new Set(PHASES)
  const unknown = names.filter((n) => !(PHASES as readonly string[]).includes(n))
  if (unknown.length > 0) throw new Error(`KAIROS_BENCH_ONLY names unknown phases (${unknown.join(', ')}); the phases are ${PHASES.join(', ')}`)
  const chosen = new Set(names as Phase[])
  for (const phase of [...chosen]) for (const needed of NEEDS[phase] ?? []) chosen.add(needed)
  return chosen
}
