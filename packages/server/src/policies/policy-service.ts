import { isDuration, validateAgainstSchema } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import type { ErrorDetail } from '../errors.ts'
import { KairosError } from '../errors.ts'
import { DEFAULT_POLICIES, Policies } from './policy-document.ts'

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
  return problems
}

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
    if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems)
    const row = await this.#db
      .insertInto('policies')
      .values({ id: true, document: JSON.stringify(policies) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ document: JSON.stringify(policies), updated_at: new Date() }))
      .returning('updated_at')
      .executeTakeFirstOrThrow()
    return { ...policies, updatedAt: row.updated_at.toISOString() }
  }
}
