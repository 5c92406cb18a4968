import { sql, type Selectable } from 'kysely'
import type { Clock, Condition } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { SegmentsTable } from '../db/database.ts'
import { KairosError, notFound } from '../errors.ts'
import { previewAudience, type AudiencePreview } from './preview-audience.ts'
import { segmentConditionProblems } from './segment-condition.ts'
import { coolingRulesUsingSegment } from '../policies/policy-service.ts'

/** A segment as the API returns it. */
export interface SegmentView {
  id: string
  name: string
  condition: Condition
  createdAt: string
  updatedAt: string
}

type SegmentRow = Selectable<SegmentsTable>

function toSegmentView(row: SegmentRow): SegmentView {
  return {
    id: row.id,
    name: row.name,
    condition: row.condition as Condition,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Throws KAIROS_VALIDATION listing every problem of the condition, named under `field`. */
export function checkSegmentCondition(condition: unknown, field = 'condition'): Condition {
  const problems = segmentConditionProblems(condition, field)
  if (problems.length > 0)
    throw new KairosError('KAIROS_VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems)
  return condition as Condition
}

/**
 * Saved audiences: create, read, update and delete, and a preview (how many
 * contacts match, and a few of them) computed in Postgres. Conditions are
 * checked on the way in and again on the way out of the database, since a
 * row written by an older Kairos may not satisfy today's rules.
 */
export class SegmentService {
  readonly #db: Db
  readonly #clock: Clock

  constructor(db: Db, clock: Clock) {
    this.#db = db
    this.#clock = clock
  }

  async create(input: { name: string; condition: unknown }): Promise<SegmentView> {
    const condition = checkSegmentCondition(input.condition)
    const row = await this.#db
      .insertInto('segments')
      .values({ name: input.name, condition: JSON.stringify(condition), created_at: this.#clock.now(), updated_at: this.#clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toSegmentView(row)
  }

  /** Every segment, most recently changed first. */
  async list(): Promise<SegmentView[]> {
    const rows = await this.#db.selectFrom('segments').selectAll().orderBy('updated_at', 'desc').orderBy('id').execute()
    return rows.map(toSegmentView)
  }

  async get(id: string): Promise<SegmentView> {
    const row = UUID.test(id) ? await this.#db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst() : undefined
    if (!row) throw notFound('segment', id)
    return toSegmentView(row)
  }

  /** Renames a segment and/or replaces its condition. */
  async update(id: string, input: { name?: string; condition?: unknown }): Promise<SegmentView> {
    const condition = input.condition === undefined ? undefined : checkSegmentCondition(input.condition)
    const row = UUID.test(id)
      ? await this.#db
          .updateTable('segments')
          .set({
            ...(input.name === undefined ? {} : { name: input.name }),
            ...(condition === undefined ? {} : { condition: JSON.stringify(condition) }),
            updated_at: this.#clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst()
      : undefined
    if (!row) throw notFound('segment', id)
    return toSegmentView(row)
  }

  /**
   * Deletes a segment no live journey enters by. One that the published
   * version of an active or paused flow schedules is refused (409) with the
   * flows named: deleting it would fail every tick. The row is locked first,
   * and publishing takes a key-share lock on the segments it names, so a
   * publish and a delete cannot pass each other.
   */
  async remove(id: string): Promise<void> {
    if (!UUID.test(id)) throw notFound('segment', id)
    await this.#db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('segments').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
      if (!found) throw notFound('segment', id)
      const { rows: users } = await sql<{ id: string; name: string }>`select f.id, f.name from flows f
          join flow_versions v on v.flow_id = f.id and v.version = f.published_version
          where f.status in ('active', 'paused')
            and exists (select 1 from jsonb_array_elements(v.graph->'nodes') n
              where n->>'type' = 'trigger.schedule' and n->'config'->>'segment' = ${id})
          order by f.name`.execute(trx)
      if (users.length > 0)
        throw new KairosError('KAIROS_CONFLICT', `segment ${id} is the audience of live journeys: ${users.map((u) => `"${u.name}"`).join(', ')}; archive them or change their audience first`, users.map((u) => ({ field: 'id', message: `used by flow ${u.id} ("${u.name}")` })))
      // A cooling rule without its audience would let complainers get every message again.
      const cooling = await coolingRulesUsingSegment(trx, id)
      if (cooling.length > 0)
        throw new KairosError('KAIROS_CONFLICT', `segment ${id} is the audience of cooling rules: ${cooling.map((n) => `"${n}"`).join(', ')}; change them in the message policies first`, cooling.map((n) => ({ field: 'id', message: `used by cooling rule "${n}" (policies.cooling)` })))
      await trx.deleteFrom('segments').where('id', '=', id).execute()
    })
  }

  /** How many contacts the saved segment holds now, and up to `sample` of them (newest first). */
  async preview(id: string, sample: number): Promise<AudiencePreview> {
    const segment = await this.get(id)
    const problems = segmentConditionProblems(segment.condition)
    if (problems.length > 0)
      throw new KairosError('KAIROS_CONFLICT', `segment "${id}" has a condition this version cannot evaluate; fix it with PUT`, problems)
    return previewAudience(this.#db, segment.condition, { now: this.#clock.now(), sample })
  }

  /** The same preview for a condition that is not saved (the editor's audience builder); problems are named under `field`. */
  async previewCondition(condition: unknown, sample: number, field = 'condition'): Promise<AudiencePreview> {
    return previewAudience(this.#db, checkSegmentCondition(condition, field), { now: this.#clock.now(), sample })
  }
}
