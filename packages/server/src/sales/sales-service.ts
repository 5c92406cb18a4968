import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { KairosError, notFound } from '../errors.ts'
import type { IncomingEvent, IngestResult } from '../events/ingest-events.ts'
import { toSalesRep, type RepRow } from './rep-rows.ts'

export interface RepInput {
  name: string
  email?: string | null
  phone?: string | null
  wecomId?: string | null
  team?: string | null
  available?: boolean
}

export interface TaskView {
  id: string
  repId: string | null
  contact: string
  /** The contact's `name` attribute, so a rep's list reads as people rather than ids. */
  contactName: string | null
  runId: string | null
  /** The journey whose run created the task (null once the run is gone, or for a task made by the API). */
  journey: { id: string; name: string } | null
  kind: string
  title: string
  notes: string | null
  dueAt: string
  status: string
  outcome: string | null
  createdAt: string
  completedAt: string | null
}

/** Call outcomes a rep (or a call provider) reports; each is a port of the `call` node. */
export const CALL_OUTCOMES = ['answered', 'no_answer', 'busy'] as const

/** Sales reps and their tasks; completing a task tells the journey waiting for it. */
export class SalesService {
  readonly #db: Db
  readonly #ingest: (events: IncomingEvent[]) => Promise<IngestResult>

  constructor(db: Db, ingest: (events: IncomingEvent[]) => Promise<IngestResult>) {
    this.#db = db
    this.#ingest = ingest
  }

  async listReps() {
    return this.#reps(null)
  }

  /** One rep, as `listReps` shows them (with their open tasks); a missing one is a 404. */
  async getRep(id: string) {
    const [rep] = await this.#reps(id)
    if (!rep) throw notFound('sales rep', id)
    return rep
  }

  /** Every rep, or the one `id` names, with a count of their open tasks. */
  async #reps(id: string | null) {
    const { rows } = await sql<RepRow & { open_tasks: number }>`select r.*, (select count(*)::int from tasks t where t.rep_id = r.id and t.status = 'open') as open_tasks
      from sales_reps r where ${id}::text is null or r.id = ${id} order by r.name`.execute(this.#db)
    return rows.map((r) => ({ ...toSalesRep(r), openTasks: r.open_tasks }))
  }

  /** Creates or updates a rep; marking them unavailable keeps their contacts and tasks. */
  async putRep(id: string, input: RepInput) {
    const values = {
      name: input.name, email: input.email ?? null, phone: input.phone ?? null, wecom_id: input.wecomId ?? null,
      team: input.team ?? null, available: input.available ?? true,
    }
    const row = await this.#db
      .insertInto('sales_reps')
      .values({ id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow()
    return toSalesRep(row as RepRow)
  }

  async listTasks(filter: { id?: string; rep?: string; contact?: string; status?: string; limit: number }): Promise<TaskView[]> {
    let query = this.#db
      .selectFrom('tasks')
      .innerJoin('contacts', 'contacts.id', 'tasks.contact_id')
      .leftJoin('runs', 'runs.id', 'tasks.run_id')
      .leftJoin('flows', 'flows.id', 'runs.flow_id')
      .selectAll('tasks')
      .select(['contacts.external_id', 'flows.id as flow_id', 'flows.name as flow_name'])
      .select(sql<string | null>`contacts.attributes->>'name'`.as('contact_name'))
    if (filter.id) query = query.where('tasks.id', '=', filter.id)
    if (filter.rep) query = query.where('tasks.rep_id', '=', filter.rep)
    if (filter.contact) query = query.where('contacts.external_id', '=', filter.contact)
    if (filter.status) query = query.where('tasks.status', '=', filter.status)
    const rows = await query.orderBy('tasks.due_at').limit(filter.limit).execute()
    return rows.map((t) => ({
      id: t.id, repId: t.rep_id, contact: t.external_id, contactName: t.contact_name, runId: t.run_id,
      journey: t.flow_id && t.flow_name !== null ? { id: t.flow_id, name: t.flow_name } : null, kind: t.kind, title: t.title, notes: t.notes,
      dueAt: t.due_at.toISOString(), status: t.status, outcome: t.outcome, createdAt: t.created_at.toISOString(),
      completedAt: t.completed_at?.toISOString() ?? null,
    }))
  }

  /** One task, as `listTasks` shows it. `rep` confines it to one rep's tasks (a sales user's): another's reads as missing. */
  async getTask(id: string, rep: string | null = null): Promise<TaskView> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('task', id)
    const [task] = await this.listTasks({ id, rep: rep ?? undefined, limit: 1 })
    if (!task) throw notFound('task', id)
    return task
  }

  /**
   * Completes an open task. A call task needs its outcome, and emits
   * `call.completed { call: 'task:<id>', outcome }` for the contact, which the
   * `call` node waits for; any task emits `task.completed`.
   */
  /** Marks an open task done. `rep` confines it to one rep's tasks (a sales user's): another's reads as missing. */
  async completeTask(id: string, input: { outcome?: string; notes?: string }, now: Date, rep: string | null = null): Promise<TaskView> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('task', id)
    const task = await this.#db.selectFrom('tasks').innerJoin('contacts', 'contacts.id', 'tasks.contact_id').selectAll('tasks').select('contacts.external_id').where('tasks.id', '=', id).executeTakeFirst()
    if (!task || (rep !== null && task.rep_id !== rep)) throw notFound('task', id)
    if (task.status !== 'open') throw new KairosError('KAIROS_CONFLICT', `task ${id} is already ${task.status}`)
    if (task.kind === 'call' && !CALL_OUTCOMES.includes(input.outcome as (typeof CALL_OUTCOMES)[number]))
      throw new KairosError('KAIROS_VALIDATION', `body.outcome must be one of ${CALL_OUTCOMES.join(', ')} for a call`, [
        { field: 'body.outcome', message: `must be one of ${CALL_OUTCOMES.join(', ')}` },
      ])
    await this.#db
      .updateTable('tasks')
      .set({ status: 'done', outcome: input.outcome ?? null, notes: input.notes ?? task.notes, completed_at: now })
      .where('id', '=', id)
      .execute()
    const properties = { task: id, call: `task:${id}`, outcome: input.outcome ?? null, rep: task.rep_id }
    await this.#ingest([
      ...(task.kind === 'call' ? [{ contact: task.external_id, name: 'call.completed', id: `call.completed:task:${id}`, properties }] : []),
      { contact: task.external_id, name: 'task.completed', id: `task.completed:${id}`, properties },
    ])
    const [done] = await this.listTasks({ id, limit: 1 })
    return done
  }
}
