import type { FastifyRequest } from 'fastify'
import type { Db } from '../db/connect.ts'
import { principalLabel } from './principal.ts'

/** Who did something, as the audit trail records it. */
export interface AuditActor {
  type: 'user' | 'key' | 'system' | 'anonymous'
  id: string | null
  label: string
  ip?: string | null
}

export interface AuditEntry {
  /** What happened: `flow.publish`, `channel.update`, `auth.login_failed`, … */
  action: string
  target: { type: string; id: string | null }
  /** What changed. Never a secret's value: secrets appear as "changed". */
  diff?: unknown
}

export interface AuditRecord {
  id: string
  at: string
  actor: { type: AuditActor['type']; id: string | null; label: string }
  action: string
  target: { type: string; id: string | null }
  diff: unknown
  ip: string | null
}

export interface AuditQuery {
  /** `flow:<id>`, or a type alone (`flow`). */
  target?: string
  /** A user or key id, or a label (email). */
  actor?: string
  from?: Date
  to?: Date
  limit: number
}

/** The actor of a request: its user or key, else anonymous (a failed login). */
export function actorOf(request: FastifyRequest): AuditActor {
  const principal = request.principal
  if (!principal) return { type: 'anonymous', id: null, label: 'anonymous', ip: request.ip }
  return { type: principal.kind, id: principal.kind === 'user' ? principal.userId : principal.keyId, label: principalLabel(principal), ip: request.ip }
}

export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null, label: 'Kairos' }

/** Every change with who, when, what and a diff (docs/security.md). */
export class AuditLog {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  /** Appends an entry; pass a transaction to make it commit (or not) with the change. */
  async record(actor: AuditActor, entry: AuditEntry, db: Db = this.#db): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        // The app's clock, not Postgres': entries sort with the rows they describe, and tests move time.
        at: new Date(),
        actor_type: actor.type,
        actor_id: actor.id,
        actor_label: actor.label,
        action: entry.action,
        target_type: entry.target.type,
        target_id: entry.target.id,
        diff: entry.diff === undefined ? null : JSON.stringify(entry.diff),
        ip: actor.ip ?? null,
      })
      .execute()
  }

  async query(q: AuditQuery): Promise<AuditRecord[]> {
    let query = this.#db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit)
    if (q.target) {
      const [type, ...rest] = q.target.split(':')
      query = query.where('target_type', '=', type)
      if (rest.length > 0) query = query.where('target_id', '=', rest.join(':'))
    }
    if (q.actor) query = query.where((eb) => eb.or([eb('actor_id', '=', q.actor!), eb('actor_label', '=', q.actor!)]))
    if (q.from) query = query.where('at', '>=', q.from)
    if (q.to) query = query.where('at', '<', q.to)
    const rows = await query.execute()
    return rows.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
      action: row.action,
      target: { type: row.target_type, id: row.target_id },
      diff: row.diff,
      ip: row.ip,
    }))
  }
}
