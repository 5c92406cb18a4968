import { Type } from 'typebox'

export const CouponPool = Type.Object({
  id: Type.String(),
  name: Type.String(),
  total: Type.Integer({ description: 'Codes uploaded' }),
  issued: Type.Integer(),
  available: Type.Integer(),
})

export const CouponPoolList = Type.Object({ pools: Type.Array(CouponPool) })

export const AddCodesReply = Type.Object({
  added: Type.Integer(),
  skipped: Type.Integer({ description: 'Codes already in the pool' }),
  pool: CouponPool,
})
