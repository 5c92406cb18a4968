import { isDuration, validateAgainstSchema } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { ErrorDetail } from '../errors.ts'
import { KairosError } from '../errors.ts'
import { DEFAULT_POLICIES, Policies } from './policy-document.ts'
import { segmentConditionProblems } from '../segments/segment-condition.ts'
import { newControlSalt } from './control-group.ts'

/** The policies as the API returns them. */
export type PoliciesView = Policies & { updatedAt: string | null }

/**
 * Reads the workspace's policies through `db` (a batch's transaction, say),
 * checked against the schema on the way out: a row written by an older
 * Kairos gets today's defaults for what it lacks, and a broken one is an
 * error naming the field, never a silent "no policies".
 */
export async function readPolicies(db: Db): Promise<{ policies: Policies; updatedAt: Date | null }> {
  const row = await db.selectFrom('policies').select(['document', 'updated_at']).executeTakeFirst()
  if (!row) return { policies: structuredClone(DEFAULT_POLICIES), updatedAt: null }
  const document = row.document as Policies
  const problems = validateAgainstSchema(Policies, document, 'policies')
  if (problems.length > 0) throw new Error(`the stored policies are invalid: ${problems[0].field} ${problems[0].message}`)
  return { policies: document, updatedAt: row.updated_at }
}

/** What the schema cannot say: windows that are real durations, quiet hours that span something. */
export function policyProblems(policies: Policies, prefix = 'body'): ErrorDetail[] {
  const problems: ErrorDetail[] = []
  policies.caps.forEach((cap, index) => {
    if (!isDuration(cap.per)) problems.push({ field: `${prefix}.caps[${index}].per`, message: 'must be a duration between 1ms and 3650d, e.g. 1d or 7d' })
  })
  if (policies.quietHours && policies.quietHours.from === policies.quietHours.to)
    problems.push({ field: `${prefix}.quietHours.to`, message: 'must differ from from (use null for no quiet hours)' })
  policies.consent.stopEvents.forEach((rule, index) => {
    if (rule.start === rule.stop) problems.push({ field: `${prefix}.consent.stopEvents[${index}].start`, message: 'must differ from stop' })
  })
  const names = new Set<string>()
  ;(Array.isArray(policies.cooling) ? policies.cooling : []).forEach((rule, index) => {
    const field = `${prefix}.cooling[${index}]`
    if (names.has(rule.name)) problems.push({ field: `${field}.name`, message: `"${rule.name}" is the name of an earlier cooling rule; names must differ` })
    names.add(rule.name)
    // Run beside the schema's problems, so a rule the schema refused may lack its parts.
    const { segment, condition } = rule.audience ?? {}
    if ((segment === undefined) === (condition === undefined))
      problems.push({ field: `${field}.audience`, message: 'must name exactly one of segment (a saved segment id) and condition' })
    if (condition !== undefined) problems.push(...segmentConditionProblems(condition, `${field}.audience.condition`))
    ;(Array.isArray(rule.caps) ? rule.caps : []).forEach((cap, capIndex) => {
      if (cap && !isDuration(cap.per)) problems.push({ field: `${field}.caps[${capIndex}].per`, message: 'must be a duration between 1ms and 3650d, e.g. 7d' })
    })
  })
  return problems
}

/**
 * What only the database can say: every segment a cooling rule names exists, and so does the
 * holiday calendar. The segments are locked (key share) until the caller's transaction ends, so
 * a segment cannot be deleted between this check and the write (deleting locks it for update
 * and then refuses while a cooling rule names it, segment-service.ts).
 */
async function referenceProblems(db: Db, policies: Policies, prefix = 'body'): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = []
  const ids = [...new Set(policies.cooling.flatMap((rule) => (rule.audience.segment ? [rule.audience.segment] : [])))]
  const found = new Set<string>()
  if (ids.length > 0) for (const row of await db.selectFrom('segments').select('id').where('id', 'in', ids).forKeyShare().execute()) found.add(row.id)
  policies.cooling.forEach((rule, index) => {
    if (rule.audience.segment && !found.has(rule.audience.segment))
      problems.push({ field: `${prefix}.cooling[${index}].audience.segment`, message: `segment "${rule.audience.segment}" does not exist` })
  })
  if (policies.holidays) {
    const calendar = await db.selectFrom('holiday_calendars').select('name').where('name', '=', policies.holidays.calendar).forKeyShare().executeTakeFirst()
    if (!calendar) problems.push({ field: `${prefix}.holidays.calendar`, message: `calendar "${policies.holidays.calendar}" has not been uploaded (PUT /api/calendars/:name)` })
  }
  return problems
}

/** The names of the cooling rules whose audience is the segment `segmentId`, read through `db`. */
export async function coolingRulesUsingSegment(db: Db, segmentId: string): Promise<string[]> {
  const { policies } = await readPolicies(db)
  return policies.cooling.filter((rule) => rule.audience.segment === segmentId).map((rule) => rule.name)
}

const validationError = (problems: ErrorDetail[]) => new KairosError('KAIROS_VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems)

/** The workspace's message policies: one document, read and replaced whole. */
export class PolicyService {
  readonly #db: Db

  constructor(db: Db) {
    this.#db = db
  }

  async get(): Promise<PoliciesView> {
    const { policies, updatedAt } = await readPolicies(this.#db)
    return { ...policies, updatedAt: updatedAt?.toISOString() ?? null }
  }

  /** Replaces the policies (fields left out take their defaults). Every problem is reported at once, by field. */
  async put(input: Policies): Promise<PoliciesView> {
    const policies = structuredClone(input)
    const problems = [...validateAgainstSchema(Policies, policies, 'body'), ...policyProblems(policies)]
    if (problems.length > 0) throw validationError(problems)
    return this.#db.transaction().execute(async (trx) => {
      const missing = await referenceProblems(trx, policies)
      if (missing.length > 0) throw validationError(missing)
      // The control group keeps its salt (so its members) when a caller leaves it out; the first one is drawn here.
      if (policies.controlGroup && !policies.controlGroup.salt)
        policies.controlGroup.salt = (await readPolicies(trx)).policies.controlGroup?.salt ?? newControlSalt()
      const row = await trx
        .insertInto('policies')
        .values({ id: true, document: JSON.stringify(policies) })
        .onConflict((oc) => oc.column('id').doUpdateSet({ document: JSON.stringify(policies), updated_at: new Date() }))
        .returning('updated_at')
        .executeTakeFirstOrThrow()
      return { ...policies, updatedAt: row.updated_at.toISOString() }
    })
  }
}
