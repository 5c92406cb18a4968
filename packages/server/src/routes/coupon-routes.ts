import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const PoolParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }) })
const PoolBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
const CodesBody = Type.Object(
  { codes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
)

/** Coupon pools the `coupon` node issues from: create, upload codes (up to 10,000 a call), count what is left. */
export const couponRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { coupons } = app.kairos
  app.get('/api/coupon-pools', { schema: { tags: ['coupons'] } }, async () => ({ pools: await coupons.list() }))
  app.put('/api/coupon-pools/:id', { schema: { tags: ['coupons'], params: PoolParams, body: PoolBody } }, async (request) =>
    coupons.put(request.params.id, request.body.name),
  )
  app.post('/api/coupon-pools/:id/codes', { schema: { tags: ['coupons'], params: PoolParams, body: CodesBody } }, async (request) =>
    coupons.addCodes(request.params.id, request.body.codes),
  )
}
