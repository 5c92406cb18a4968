import { defineNode, goTo } from '@kairos/sdk'
import { CouponConfig, couponSource, validateCoupon } from './config.ts'
import { i18n } from './i18n.ts'

/**
 * Issues the contact a coupon: the next free code of an uploaded pool, or a
 * new unique code from a pattern. The coupon service guarantees no code goes
 * out twice, even under concurrent runs, and keeps the code on the contact, so
 * later messages can say {{ coupon.code }}. An empty pool goes to `exhausted`.
 */
export default defineNode({
  type: 'coupon',
  version: 1,
  title: 'Issue coupon',
  category: 'action',
  description: 'Give the contact a unique coupon code from a pool or a pattern; use it later as {{ coupon.code }}.',
  i18n,
  config: CouponConfig,
  ports: ['next', 'exhausted'],
  validate: validateCoupon,
  async run({ config, services }) {
    const source = couponSource(config)
    const issued = await services.coupons.issue(source)
    if (!issued) return goTo('exhausted', { ...source, reason: 'the pool has no free codes left' })
    return goTo('next', { code: issued.code })
  },
})
