import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../auth/audit-log.ts'
import { AddCodesReply, CouponPool, CouponPoolList } from '../schemas/coupon.ts'

const PoolParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }) })
const PoolBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
const CodesBody = Type.Object(
  { codes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
)

/** Coupon pools the `coupon` node issues from: create, upload codes (up to 10,000 a call), count what is left. */
export const couponRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { coupons } = app.kairos
  app.get('/api/coupon-pools', { config: { permission: 'read' }, schema: { tags: ['coupons'], response: { 200: CouponPoolList } } }, async () => ({ pools: await coupons.list() }))
  app.get('/api/coupon-pools/:id', { config: { permission: 'read' }, schema: { tags: ['coupons'], params: PoolParams, response: { 200: CouponPool } } }, async (request) => coupons.get(request.params.id))
  app.put('/api/coupon-pools/:id', { config: { permission: 'workspace:write' }, schema: { tags: ['coupons'], params: PoolParams, body: PoolBody, response: { 200: CouponPool } } }, async (request) => {
    const pool = await coupons.put(request.params.id, request.body.name)
    await app.kairos.audit.record(actorOf(request), { action: 'coupon_pool.put', target: { type: 'coupon_pool', id: request.params.id }, diff: { name: request.body.name } })
    return pool
  })
  app.post('/api/coupon-pools/:id/codes', { config: { permission: 'workspace:write' }, schema: { tags: ['coupons'], params: PoolParams, body: CodesBody, response: { 200: AddCodesReply } } }, async (request) => {
    const result = await coupons.addCodes(request.params.id, request.body.codes)
    // The codes themselves are what a coupon is worth: the trail counts them, it does not copy them.
    await app.kairos.audit.record(actorOf(request), { action: 'coupon_pool.add_codes', target: { type: 'coupon_pool', id: request.params.id }, diff: { codes: request.body.codes.length } })
    return result
  })
}
