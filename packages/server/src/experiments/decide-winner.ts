import { compareArms, type ArmCounts } from '../reports/proportions.ts'

/** An auto-winner split as its flow version froze it. */
export interface AutoWinnerSplit {
  nodeId: string
  /** The arms that can win, in the config's order (the holdout is never one): the first is the reference. */
  arms: string[]
  minPerArm: number
  durationMs: number | null
  confidence: number
}

export type WinnerDecision =
  | { decided: true; arm: string; pValue: number; arms: ArmCounts[] }
  | { decided: false; reason: string; arms: ArmCounts[] }

/**
 * Whether an auto-winner split has a winner, given each arm's contacts and
 * goal conversions and how long its version has been live. Not before every
 * arm had `minPerArm` contacts and `duration` passed. Then the arms are
 * compared with the split's first arm (the reference, the "A" of the test)
 * by the two-proportion z-test at 1 − confidence, divided among the
 * comparisons (Bonferroni, proportions.ts): the best arm by conversion rate
 * wins when it beats the reference significantly, or, being the reference
 * itself, when every other arm is significantly worse. Otherwise nothing is
 * decided and the split keeps splitting; the job looks again later.
 */
export function decideWinner(split: AutoWinnerSplit, counts: readonly ArmCounts[], liveForMs: number): WinnerDecision {
  const arms = split.arms.map((arm) => counts.find((c) => c.arm === arm) ?? { arm, contacts: 0, converted: 0 })
  const short = arms.filter((a) => a.contacts < split.minPerArm)
  if (short.length > 0)
    return { decided: false, reason: `waiting for ${split.minPerArm} contacts per arm (${short.map((a) => `${a.arm}: ${a.contacts}`).join(', ')})`, arms }
  if (split.durationMs !== null && liveForMs < split.durationMs) return { decided: false, reason: 'waiting for the duration to pass', arms }
  const reference = split.arms[0]
  const compared = compareArms(arms, reference, 1 - split.confidence)
  const rateOf = (a: ArmCounts) => a.converted / a.contacts
  // Ties go to the earlier arm: the reference first.
  const best = arms.reduce((top, arm) => (rateOf(arm) > rateOf(top) ? arm : top), arms[0])
  if (best.arm !== reference) {
    const comparison = compared.find((c) => c.arm === best.arm)!
    if (comparison.significant && comparison.pValue !== null) return { decided: true, arm: best.arm, pValue: comparison.pValue, arms }
    return { decided: false, reason: `${best.arm} converts best but not significantly better than ${reference} (p = ${comparison.pValue?.toFixed(4)})`, arms }
  }
  const others = compared.filter((c) => c.arm !== reference)
  if (others.every((c) => c.significant && c.pValue !== null && (c.difference ?? 0) < 0))
    return { decided: true, arm: reference, pValue: Math.max(...others.map((c) => c.pValue!)), arms }
  return { decided: false, reason: `${reference} converts best but not significantly better than every other arm`, arms }
}
