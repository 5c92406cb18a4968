import type { Db } from '../db/connect.ts'
import type { RunRow, StepRow } from '../db/database.ts'
import { notFound } from '../errors.ts'

/** A run as the API returns it; `steps` only on a single run. */
export interface RunView {
  id: string
  flowId: string
  flowVersion: number
  contactId: string
  /** The contact's external id. */
  contact: string
  status: string
  nodeId: string
  nodeEnteredAt: string
  enteredAt: string
  finishedAt: string | null
  wakeAt: string | null
  waitingFor: string | null
  /** For a run waiting on a message it sent: the delivery, and when and why a policy held it back. */
  waitingForMessage: { delivery: string; sendAt: string | null; deferredBy: string | null } | null
  error: string | null
  exitReason: string | null
  /** What let the contact in: the event, or a schedule tick, date or attribute change shown as one. */
  trigger: { id: string; name: string; properties: Record<string, unknown>; occurredAt: string } | null
  steps?: StepView[]
}

export interface StepView {
  seq: number
  node: string
  nodeType: string
  nodeVersion: number
  enteredAt: string
  leftAt: string
  outcome: string
  port: string | null
  result: unknown
  error: string | null
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** The message a waiting run's wait names (afterSend records a deferral on it as `deferred: { until, rule }`). */
function messageWaitedFor(row: RunRow): RunView['waitingForMessage'] {
  const wait = row.status === 'waiting' ? (row.wait as { delivery?: string; output?: { deferred?: { until?: string; rule?: string } } } | null) : null
  if (!wait?.delivery) return null
  const deferred = wait.output?.deferred
  return { delivery: wait.delivery, sendAt: deferred?.until ?? null, deferredBy: deferred?.rule ?? null }
}

export function toRunView(row: RunRow & { external_id: string }): RunView {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    contactId: row.contact_id,
    contact: row.external_id,
    status: row.status,
    nodeId: row.node_id,
    nodeEnteredAt: row.node_entered_at.toISOString(),
    enteredAt: row.entered_at.toISOString(),
    finishedAt: iso(row.finished_at),
    wakeAt: iso(row.wake_at),
    waitingFor: row.wait_event,
    waitingForMessage: messageWaitedFor(row),
    error: row.error,
    exitReason: row.exit_reason,
    trigger: (row.trigger as RunView['trigger']) ?? null,
  }
}

function toStepView(row: StepRow): StepView {
  return {
    seq: row.seq,
    node: row.node_id,
    nodeType: row.node_type,
    nodeVersion: row.node_version,
    enteredAt: row.entered_at.toISOString(),
    leftAt: row.left_at.toISOString(),
    outcome: row.outcome,
    port: row.port,
    result: row.output,
    error: row.error,
  }
}

export interface RunFilter {
  flow?: string
  contact?: string
  status?: string
  limit: number
  /** Only runs with an id below this (for paging backwards). */
  before?: string
}

/** Read side of runs and their traces. */
export class RunQueries {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  async list(filter: RunFilter): Promise<RunView[]> {
    let query = this.#db
      .selectFrom('runs')
      .innerJoin('contacts', 'contacts.id', 'runs.contact_id')
      .selectAll('runs')
      .select('contacts.external_id')
    if (filter.flow) query = query.where('runs.flow_id', '=', filter.flow)
    if (filter.contact) query = query.where('contacts.external_id', '=', filter.contact)
    if (filter.status) query = query.where('runs.status', '=', filter.status)
    if (filter.before) query = query.where('runs.id', '<', filter.before)
    const rows = await query.orderBy('runs.id', 'desc').limit(filter.limit).execute()
    return rows.map(toRunView)
  }

  async get(id: string): Promise<RunView> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('run', id)
    const row = await this.#db
      .selectFrom('runs')
      .innerJoin('contacts', 'contacts.id', 'runs.contact_id')
      .selectAll('runs')
      .select('contacts.external_id')
      .where('runs.id', '=', id)
      .executeTakeFirst()
    if (!row) throw notFound('run', id)
    const steps = await this.#db.selectFrom('steps').selectAll().where('run_id', '=', id).orderBy('seq').execute()
    return { ...toRunView(row), steps: steps.map(toStepView) }
  }
}
