import { patternSpace, Type, type Problem, type Static } from '@kairos/sdk'

/**
 * The fewest codes a pattern must be able to make. Codes are drawn at random
 * and must never repeat; with a million or more, collisions stay rare enough
 * that a redraw always finds a free code.
 */
export const MIN_PATTERN_SPACE = 1_000_000

/** Exactly one source: an uploaded pool, or a pattern to generate unique codes from. */
export const CouponConfig = Type.Object(
  {
    pool: Type.Optional(Type.String({ minLength: 1, description: 'Id of an uploaded coupon pool (POST /api/coupon-pools/:id/codes)' })),
    pattern: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Generate unique codes: in braces X is a letter or digit, 9 a digit, e.g. RENEW-{XXXXXX}',
      }),
    ),
  },
  { additionalProperties: false },
)
export type CouponConfig = Static<typeof CouponConfig>

const SLOT = /\{[X9]+\}/
const SLOTS = new RegExp(SLOT.source, 'g')

function patternProblems(pattern: string): Problem[] {
  const field = 'config.pattern'
  // Braces left after removing the slots are a typo ({xxxx}, {ABC}, an unclosed {) that would print as is.
  if (/[{}]/.test(pattern.replace(SLOTS, '')))
    return [{ field, message: 'braces hold slots only: X for a letter or digit, 9 for a digit, e.g. {XXXXXX}' }]
  if (!SLOT.test(pattern)) return [{ field, message: 'needs slots in braces to make codes unique, e.g. RENEW-{XXXXXX}' }]
  const space = patternSpace(pattern)
  if (space < MIN_PATTERN_SPACE)
    return [{ field, message: `makes only ${space.toLocaleString('en')} codes; use more slots for at least ${MIN_PATTERN_SPACE.toLocaleString('en')}` }]
  return []
}

/** One source, not both; a pattern with enough room for unique codes. */
export function validateCoupon(config: CouponConfig): Problem[] {
  if (config.pool !== undefined && config.pattern !== undefined)
    return [{ field: 'config.pattern', message: 'give a pool or a pattern, not both' }]
  if (config.pool === undefined && config.pattern === undefined) return [{ field: 'config.pool', message: 'give a pool or a pattern' }]
  return config.pattern === undefined ? [] : patternProblems(config.pattern)
}

/** What to ask `coupons.issue` for. */
export function couponSource(config: CouponConfig): { pool: string } | { pattern: string } {
  if (config.pool !== undefined) return { pool: config.pool }
  if (config.pattern !== undefined) return { pattern: config.pattern }
  throw new Error('coupon config has neither a pool nor a pattern')
}
