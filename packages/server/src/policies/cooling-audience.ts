import { sql } from 'kysely'
import { evaluateCondition, type Condition, type ContactSnapshot } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { conditionSql } from '../segments/condition-sql.ts'
import { activeCaps, type ActiveCap } from './frequency-caps.ts'
import type { CoolingRule } from './policy-document.ts'

/** A cooling rule ready to apply: its audience as a condition (null: its segment is gone) and its caps named after it. */
export interface ActiveCoolingRule {
  name: string
  condition: Condition | null
  /** True when the condition counts events: only Postgres can answer it. Tags and attributes alone are read from the contact. */
  readsEvents: boolean
  caps: ActiveCap[]
}

/** True when some leaf of the condition is an event rule. */
function readsEvents(condition: Condition | null): boolean {
  if (!condition) return false
  if ('all' in condition) return condition.all.some(readsEvents)
  if ('any' in condition) return condition.any.some(readsEvents)
  if ('not' in condition) return readsEvents(condition.not)
  return 'event' in condition
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
    const segment = rule.audience.segment ? (names.get(rule.audience.segment) ?? rule.audience.segment) : null
    const caps = activeCaps(rule.caps, 'workspace', `policies.cooling[${index}].caps`).map((cap) => ({
      ...cap,
      rule: `${label}: ${cap.rule.replace(/^cap: /, '')}`,
      reason: { kind: 'cooling' as const, params: { rule: rule.name, segment, channel: cap.channel ?? null, max: cap.max, per: cap.per } },
    }))
    const condition = rule.audience.segment ? ((byId.get(rule.audience.segment)?.condition as Condition | undefined) ?? null) : (rule.audience.condition ?? null)
    return { name: rule.name, condition, readsEvents: readsEvents(condition), caps }
  })
}

/**
 * Whether the contact, as the step sees it, is in the audience of each rule
 * that reads only tags and attributes: answered from the snapshot (no query,
 * and a tag an earlier step of the same batch added counts). Indexes of the
 * rules it is in; rules that read events are left to `coolingMembership`.
 */
export async function coolingMembershipOf(rules: readonly ActiveCoolingRule[], contact: ContactSnapshot, now: Date): Promise<number[]> {
  const indexes: number[] = []
  for (const [index, rule] of rules.entries()) {
    if (!rule.condition || rule.readsEvents) continue
    const inAudience = await evaluateCondition(rule.condition, {
      contact,
      now,
      runEnteredAt: now,
      countEvents: () => Promise.reject(new Error('a cooling condition without event rules counts no events')),
    })
    if (inAudience) indexes.push(index)
  }
  return indexes
}

/**
 * Which of `contactIds` each rule's audience holds now, in one query for all
 * the contacts and all the rules (one boolean column per rule), through `db`,
 * the batch's transaction. `onlyEvents`: only the rules that read events (the
 * others were answered from the contact). Returns contact id → indexes of the rules they are in.
 */
export async function coolingMembership(db: Db, rules: readonly ActiveCoolingRule[], contactIds: readonly string[], now: Date, onlyEvents = false): Promise<Map<string, number[]>> {
  const members = new Map<string, number[]>()
  const live = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => rule.condition !== null && (!onlyEvents || rule.readsEvents))
  if (live.length === 0 || contactIds.length === 0) return members
  const columns = live.map(({ rule, index }) => sql`${conditionSql(rule.condition!, { now })} as ${sql.ref(`r${index}`)}`)
  const { rows } = await sql<Record<string, unknown> & { id: string }>`select c.id, ${sql.join(columns, sql`, `)}
    from contacts c where c.id = any(${contactIds}::bigint[])`.execute(db)
  for (const row of rows) members.set(String(row.id), live.filter(({ index }) => row[`r${index}`] === true).map(({ index }) => index))
  return members
}
