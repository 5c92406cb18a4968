import { Type } from 'typebox'
import { DateTime, Nullable, OneOf, OpenObject } from './reply-fields.ts'

export const RUN_STATUSES = ['running', 'waiting', 'completed', 'exited', 'failed', 'cancelled'] as const

export const Run = Type.Object({
  id: Type.String(),
  flowId: Type.String(),
  flowVersion: Type.Integer(),
  contactId: Type.String(),
  contact: Type.String({ description: 'The contact\'s external id' }),
  status: OneOf(RUN_STATUSES),
  nodeId: Type.String({ description: 'The node it is at, or ended on' }),
  nodeEnteredAt: DateTime,
  enteredAt: DateTime,
  finishedAt: Nullable(DateTime),
  wakeAt: Nullable(DateTime),
  waitingFor: Nullable(Type.String({ description: 'The event it waits for' })),
  waitingForMessage: Nullable(
    Type.Object(
      { delivery: Type.String(), sendAt: Nullable(DateTime), deferredBy: Nullable(Type.String()) },
      { description: 'The message it waits for: its delivery, and when and by which policy rule it was held back (then wakeAt is sendAt plus the 7 days its answer may take)' },
    ),
  ),
  error: Nullable(Type.String()),
  exitReason: Nullable(Type.String()),
  trigger: Nullable(
    Type.Object(
      { id: Type.String(), name: Type.String(), properties: OpenObject, occurredAt: DateTime },
      { description: 'What let the contact in: the event, or a schedule tick, date or attribute change shown as one' },
    ),
  ),
})

export const RunList = Type.Object({ runs: Type.Array(Run) })

export const Step = Type.Object({
  seq: Type.Integer(),
  node: Type.String(),
  nodeType: Type.String(),
  nodeVersion: Type.Integer(),
  enteredAt: DateTime,
  leftAt: DateTime,
  outcome: OneOf(['port', 'exit', 'error', 'migrated'], { description: 'migrated: the run moved to another step of a newer version here, when it was published (docs/versions.md)' }),
  port: Nullable(Type.String()),
  result: Type.Unknown({ description: 'What the node returned (its port, wait or exit, and what it recorded)' }),
  error: Nullable(Type.String()),
})

/** One run with its trace of steps. */
export const RunWithSteps = Type.Object({ ...Run.properties, steps: Type.Array(Step) })
