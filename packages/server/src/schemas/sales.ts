import { Type } from 'typebox'
import { DateTime, Nullable, OneOf } from './reply-fields.ts'

/** A sales rep contacts can be assigned to. */
export const SalesRep = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  wecomId: Nullable(Type.String()),
  team: Nullable(Type.String()),
  available: Type.Boolean(),
})

/** A rep as lists and reads show them: with how many tasks they have open. */
export const SalesRepWithTasks = Type.Object({ ...SalesRep.properties, openTasks: Type.Integer() })

export const SalesRepList = Type.Object({ salesReps: Type.Array(SalesRepWithTasks) })

/** A follow-up task or call for a sales rep. */
export const Task = Type.Object({
  id: Type.String(),
  repId: Nullable(Type.String()),
  contact: Type.String({ description: 'External id' }),
  contactName: Nullable(Type.String({ description: "The contact's name attribute" })),
  runId: Nullable(Type.String()),
  journey: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { description: 'The journey whose run created the task' })),
  kind: OneOf(['follow_up', 'call']),
  title: Type.String(),
  notes: Nullable(Type.String()),
  dueAt: DateTime,
  status: OneOf(['open', 'done', 'cancelled']),
  outcome: Nullable(Type.String()),
  createdAt: DateTime,
  completedAt: Nullable(DateTime),
})

export const TaskList = Type.Object({ tasks: Type.Array(Task) })
