import { issueCoupon } from '../coupons/issue-coupon.ts'
import { assignRep } from '../sales/assign-rep.ts'

/**
 * What a step takes from a pool the whole workspace shares: the next code of
 * a coupon pool, the next sales rep's turn. Production claims them for good
 * (row locks, committed with the step); a journey simulation passes its own,
 * which looks without locking, so a rolled-back simulation never holds a
 * code or the reps' round robin while it runs.
 */
export interface SharedClaims {
  issueCoupon: typeof issueCoupon
  assignRep: typeof assignRep
}

/** The claims production makes. */
export const WORKSPACE_CLAIMS: SharedClaims = { issueCoupon, assignRep }
