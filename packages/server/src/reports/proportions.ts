/**
 * The statistics of a split: conversion rates with 95% intervals, and whether
 * an arm converts differently from the reference arm. Conversion counts are
 * small and rates near 0 (a few percent convert), where the textbook
 * rate ± 1.96·SE interval goes below zero and is too narrow; the Wilson score
 * interval stays inside [0, 1] and keeps its coverage there. Arms are compared
 * with the two-proportion z-test (pooled variance), and with more than one arm
 * against the reference the 5% level is divided among the comparisons
 * (Bonferroni), so a five-arm test does not find a "winner" by chance one
 * time in five.
 */

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054

export interface Interval {
  low: number
  high: number
}

/** The Wilson score interval of `successes` out of `trials` (null when there are no trials). */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials <= 0) return null
  const p = successes / trials
  const z2 = z * z
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))
  // At 0 or 100% the interval ends at the bound exactly (rounding would leave 0.9999999999999999).
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === trials ? 1 : Math.min(1, centre + half) }
}

/** The standard normal distribution function, Φ(x). */
export function normalCdf(x: number): number {
  return 1 - erfc(x / Math.SQRT2) / 2
}

/**
 * The complementary error function by the Chebyshev fit of Numerical Recipes
 * (erfcc): fractional error below 1.2e-7 everywhere, far finer than a
 * p-value is read.
 */
function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277]
  let poly = 0
  for (let i = c.length - 1; i >= 0; i--) poly = poly * t + c[i]
  const value = t * Math.exp(-z * z + poly)
  return x >= 0 ? value : 2 - value
}

export interface ArmCounts {
  arm: string
  contacts: number
  converted: number
}

export interface ArmComparison extends ArmCounts {
  conversionRate: number | null
  /** 95% Wilson interval of the conversion rate. */
  interval: Interval | null
  /** This arm's rate minus the reference arm's (null for the reference itself or without contacts). */
  difference: number | null
  /** Two-sided p-value of the two-proportion z-test against the reference arm. */
  pValue: number | null
  /** pValue below 0.05 divided by the number of comparisons. */
  significant: boolean
}

/** Two-sided p-value that two conversion rates are equal (pooled two-proportion z-test); null when it cannot be computed. */
export function twoProportionPValue(a: { contacts: number; converted: number }, b: { contacts: number; converted: number }): number | null {
  if (a.contacts === 0 || b.contacts === 0) return null
  const pooled = (a.converted + b.converted) / (a.contacts + b.contacts)
  const variance = pooled * (1 - pooled) * (1 / a.contacts + 1 / b.contacts)
  // Nobody (or everybody) converted in either arm: the rates are identical and there is nothing to test.
  if (variance === 0) return 1
  const z = (a.converted / a.contacts - b.converted / b.contacts) / Math.sqrt(variance)
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))))
}

/**
 * Every arm's rate and interval, and each other arm compared with `reference`
 * (the split's holdout when it has one, else its first arm).
 */
export function compareArms(arms: ArmCounts[], reference: string, alpha = 0.05): ArmComparison[] {
  const base = arms.find((a) => a.arm === reference)
  // Arms without contacts cannot be compared, so they do not share the 5%.
  const comparisons = Math.max(1, arms.filter((a) => a.arm !== reference && a.contacts > 0).length)
  return arms.map((arm) => {
    const rate = arm.contacts === 0 ? null : arm.converted / arm.contacts
    const isReference = arm.arm === reference
    const pValue = isReference || !base ? null : twoProportionPValue(arm, base)
    const baseRate = base && base.contacts > 0 ? base.converted / base.contacts : null
    return {
      ...arm,
      conversionRate: rate,
      interval: wilsonInterval(arm.converted, arm.contacts),
      difference: isReference || rate === null || baseRate === null ? null : rate - baseRate,
      pValue,
      significant: pValue !== null && pValue < alpha / comparisons,
    }
  })
}
