import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { pageSize } from '../schemas/api.ts'
import { salesScope } from '../auth/principal.ts'
import { actorOf } from '../auth/audit-log.ts'
import { jsonDiff } from '../auth/json-diff.ts'
import { SalesRep, SalesRepList, SalesRepWithTasks, Task, TaskList } from '../schemas/sales.ts'

const RepParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.@-]{1,100}$' }) })
const Optional = (schema: ReturnType<typeof Type.String>) => Type.Optional(Type.Union([schema, Type.Null()]))
const RepBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Optional(Type.String({ format: 'email' })),
    phone: Optional(Type.String({ maxLength: 40 })),
    wecomId: Optional(Type.String({ maxLength: 100 })),
    team: Optional(Type.String({ maxLength: 100 })),
    available: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
const TasksQuery = Type.Object(
  {
    rep: Type.Optional(Type.String()),
    contact: Type.Optional(Type.String()),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')])),
    limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,3}$' })),
  },
  { additionalProperties: false },
)
const TaskParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 20 }) })
/** A task id as the database makes them (a bigint): anything else is a malformed id, a 400. */
const TaskIdParams = Type.Object({ id: Type.String({ pattern: '^\\d{1,18}$' }) })
const CompleteBody = Type.Object(
  { outcome: Type.Optional(Type.String({ maxLength: 40 })), notes: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
)

/** Sales reps (who contacts are assigned to) and their follow-up tasks and calls. */
export const salesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sales, clock } = app.kairos
  app.get('/api/sales-reps', { config: { permission: 'read' }, schema: { tags: ['sales'], response: { 200: SalesRepList } } }, async () => ({ salesReps: await sales.listReps() }))
  app.get('/api/sales-reps/:id', { config: { permission: 'read' }, schema: { tags: ['sales'], params: RepParams, response: { 200: SalesRepWithTasks } } }, async (request) => sales.getRep(request.params.id))
  app.put('/api/sales-reps/:id', { config: { permission: 'workspace:write' }, schema: { tags: ['sales'], params: RepParams, body: RepBody, response: { 200: SalesRep } } }, async (request) => {
    const before = (await sales.listReps()).find((r) => r.id === request.params.id) ?? null
    const after = await sales.putRep(request.params.id, request.body)
    await app.kairos.audit.record(actorOf(request), {
      action: before ? 'sales_rep.update' : 'sales_rep.create',
      target: { type: 'sales_rep', id: request.params.id },
      diff: jsonDiff(before ? { ...before, openTasks: undefined } : {}, after),
    })
    return after
  })
  app.get('/api/tasks', { config: { permission: 'tasks:read' }, schema: { tags: ['sales'], querystring: TasksQuery, response: { 200: TaskList } } }, async (request) => ({
    // A sales user's list is their own tasks, whatever `rep` asks for.
    tasks: await sales.listTasks({ ...request.query, rep: salesScope(request.principal) ?? request.query.rep, limit: pageSize(request.query.limit) }),
  }))
  // Like the list, a sales user reads only their own tasks: another rep's answers 404, as a missing one does.
  app.get('/api/tasks/:id', { config: { permission: 'tasks:read' }, schema: { tags: ['sales'], params: TaskIdParams, response: { 200: Task } } }, async (request) =>
    sales.getTask(request.params.id, salesScope(request.principal)),
  )
  app.post('/api/tasks/:id/complete', { config: { permission: 'tasks:write' }, schema: { tags: ['sales'], params: TaskParams, body: CompleteBody, response: { 200: Task } } }, async (request) => {
    const task = await sales.completeTask(request.params.id, request.body ?? {}, clock.now(), salesScope(request.principal))
    await app.kairos.audit.record(actorOf(request), {
      action: 'task.complete',
      target: { type: 'task', id: task.id },
      diff: { status: 'done', outcome: task.outcome, contact: task.contact },
    })
    return task
  })
}
