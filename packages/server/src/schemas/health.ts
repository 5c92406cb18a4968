import { Type } from 'typebox'
import { ErrorReply } from './error-reply.ts'

export const HealthReply = Type.Object({ status: Type.Literal('ok') })

const READY_FACTS = {
  role: Type.Optional(Type.String({ description: 'api, worker or all' })),
  database: Type.Optional(Type.String({ description: 'ok, or why not' })),
  worker: Type.Optional(Type.String({ description: 'The in-process worker: running, stopped or reconnecting since …' })),
  pluginSet: Type.String({ description: 'Hash of the loaded plugin set (as GET /api/plugins)' }),
}

export const ReadyReply = Type.Object({ status: Type.Literal('ready'), ...READY_FACTS })

/** Not ready: the same facts, and the error naming what is not. */
export const NotReadyReply = Type.Object({ status: Type.Literal('not ready'), ...READY_FACTS, error: ErrorReply.properties.error })
