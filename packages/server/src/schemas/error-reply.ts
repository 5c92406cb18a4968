import { Type, type Static } from 'typebox'
import { ERROR_CODES } from '../errors.ts'
import { Nullable, OneOf } from './reply-fields.ts'

/** The `$id` under which `ErrorReply` is a shared schema (`#/components/schemas/ErrorReply` in the OpenAPI document). */
export const ERROR_REPLY_ID = 'ErrorReply'

/** `{ error: { code, message, details } }`, the shape of every error reply (see errors.ts for the catalog). */
export const ErrorReply = Type.Object(
  {
    error: Type.Object({
      code: OneOf(Object.keys(ERROR_CODES), { description: 'A code of the error catalog (README, Errors)' }),
      message: Type.String({ description: 'What was wrong, naming the field' }),
      details: Type.Array(
        Type.Object({
          field: Type.String({ description: 'Where, e.g. body.events[3].name' }),
          message: Type.String(),
          node: Type.Optional(Nullable(Type.String({ description: 'The flow node at fault, for flow problems' }))),
        }),
      ),
    }),
  },
  { $id: ERROR_REPLY_ID, title: 'ErrorReply' },
)
export type ErrorReply = Static<typeof ErrorReply>

/** A reference to the shared `ErrorReply`, for a route that declares an error status itself. */
export const ErrorReplyRef = Type.Unsafe<ErrorReply>({ $ref: `${ERROR_REPLY_ID}#` })
