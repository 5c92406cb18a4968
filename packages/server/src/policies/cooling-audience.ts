import { sql } from 'kysely'
import type { Condition } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { conditionSql } from '../segments/condition-sql.ts'
import { activeCaps, type ActiveCap } from './frequency-caps.ts'
import type { CoolingRule } from './policy-document.ts'

/** A cooling rule ready to apply: its audience as a condition (null: its segment is gone) and its caps named after it. */
export interface ActiveCoolingRule {
  name: string
  condition: Condition | null
  caps: ActiveCap[]
}

/** How a cooling rule's audience is named in its rule text: `segment "Complained"`, `condition`. */
function audienceLabel(rule: CoolingRule, segmentNames: ReadonlyMap<string, string>): string {
  if (rule.audience.segment) return `segment "${segmentNames.get(rule.audience.segment) ?? rule.audience.segment}"`
  return 'condition'
}

/**
 * Readies the cooling rules: each segment audience is read once (its
 * current condition and name), in one query for all of them. A cap's rule text
 * names the rule and its audience, `cooling "Complained" (segment "Complained
 * last 90d"): sms 1 per 7d`, which is what a suppressed delivery records.
 */
export async function activeCoolingRules(db: Db, rules: readonly CoolingRule[]): Promise<ActiveCoolingRule[]> {
  if (rules.length === 0) return []
  const ids = [...new Set(rules.flatMap((rule) => (rule.audience.segment ? [rule.audience.segment] : [])))]
  const segments = ids.length > 0 ? await db.selectFrom('segments').select(['id', 'name', 'condition']).where('id', 'in', ids).execute() : []
  const byId = new Map(segments.map((s) => [s.id, s]))
  const names = new Map(segments.map((s) => [s.id, s.name]))
  return rules.map((rule, index) => {
    const label = `cooling "${rule.name}" (${audienceLabel(rule, names)})`
    const caps = activeCaps(rule.caps, 'workspace', `policies.cooling[${index}].caps`).map((cap) => ({ ...cap, rule: `${label}: ${cap.rule.replace(/^cap: /, '')}` }))
    const condition = rule.audience.segment ? ((byId.get(rule.audience.segment)?.condition as Condition | undefined) ?? null) : (rule.audience.condition ?? null)
    return { name: rule.name, condition, caps }
  })
}

/**
 * Which of `contactIds` each rule's audience holds now, in one query for all
 * the contacts and all the rules (one boolean column per rule), through `db`,
 * the batch's transaction. Returns contact id → indexes of the rules they are in.
 */
export async function coolingMembership(db: Db, rules: readonly ActiveCoolingRule[], contactIds: readonly string[], now: Date): Promise<Map<string, number[]>> {
  const members = new Map<string, number[]>()
  const live = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => rule.condition !== null)
  if (live.length === 0 || contactIds.length === 0) return members
  const columns = live.map(({ rule, index }) => sql`${conditionSql(rule.condition!, { now })} as ${sql.ref(`r${index}`)}`)
  const { rows } = await sql<Record<string, unknown> & { id: string }>`select c.id, ${sql.join(columns, sql`, `)}
    from contacts c where c.id = any(${contactIds}::bigint[])`.execute(db)
  for (const row of rows) members.set(String(row.id), live.filter(({ index }) => row[`r${index}`] === true).map(({ index }) => index))
  return members
}
