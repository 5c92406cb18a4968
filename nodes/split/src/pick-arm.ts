import { createHash } from 'node:crypto'

/** One way out of a split and its share of contacts (relative to the other weights). */
export interface Arm {
  port: string
  weight: number
}

/**
 * A stable number in [0, 1) for a key: the first 48 bits of its SHA-256.
 * A hash rather than a random draw, so the same contact always lands in the
 * same arm, on re-entry and on a retried step alike, with nothing to store.
 */
export function bucketOf(key: string): number {
  return createHash('sha256').update(key).digest().readUIntBE(0, 6) / 2 ** 48
}

/** The arm whose slice of the cumulative weights `bucket` (in [0, 1)) falls in. */
export function pickArm(bucket: number, arms: readonly Arm[]): string {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0)
  const point = bucket * total
  let cumulative = 0
  for (const arm of arms) {
    cumulative += arm.weight
    if (point < cumulative) return arm.port
  }
  // Only floating-point rounding at the very top of the range gets here.
  return arms[arms.length - 1].port
}
