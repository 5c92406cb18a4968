import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { inControlGroupSql, type ControlGroupPolicy } from '../policies/control-group.ts'
import { twoProportionPValue, wilsonInterval, type Interval } from '../reports/proportions.ts'

interface GroupCounts {
  contacts: number
  converted: number
  conversionRate: number | null
  interval: Interval | null
}

/** The global control group beside everyone else in a flow's report, and what the journey added. */
export interface ControlGroupReport {
  percent: number
  /** Contacts of the control group who entered (they got no marketing message), and how many converted. */
  control: GroupCounts
  /** Everyone else who entered. */
  treated: GroupCounts
  /**
   * Incremental lift: the treated conversion rate minus the control's, with its 95% interval
   * (Newcombe's hybrid score interval from the two Wilson intervals), the two-proportion
   * z-test's p-value, and whether the interval excludes 0. Null until both groups have contacts.
   */
  lift: { difference: number; interval: Interval; pValue: number | null; significant: boolean } | null
}

const rate = (converted: number, total: number) => (total === 0 ? null : Math.round((converted / total) * 10_000) / 10_000)

/**
 * Newcombe's interval (method 10) for p1 − p2 from each rate's Wilson interval: it keeps its
 * coverage at the small rates of marketing conversions, where the Wald interval is too narrow.
 */
export function differenceInterval(a: { contacts: number; converted: number }, b: { contacts: number; converted: number }): Interval | null {
  const ia = wilsonInterval(a.converted, a.contacts)
  const ib = wilsonInterval(b.converted, b.contacts)
  if (!ia || !ib) return null
  const pa = a.converted / a.contacts
  const pb = b.converted / b.contacts
  const d = pa - pb
  return { low: d - Math.sqrt((pa - ia.low) ** 2 + (ib.high - pb) ** 2), high: d + Math.sqrt((ia.high - pa) ** 2 + (pb - ib.low) ** 2) }
}

/** The lift section of a report from the two groups' counts. */
export function controlGroupReport(percent: number, control: { contacts: number; converted: number }, treated: { contacts: number; converted: number }): ControlGroupReport {
  const group = (g: { contacts: number; converted: number }): GroupCounts => ({
    contacts: g.contacts, converted: g.converted, conversionRate: rate(g.converted, g.contacts), interval: wilsonInterval(g.converted, g.contacts),
  })
  const interval = differenceInterval(treated, control)
  return {
    percent,
    control: group(control),
    treated: group(treated),
    lift: interval
      ? {
          difference: treated.converted / treated.contacts - control.converted / control.contacts,
          interval,
          pValue: twoProportionPValue(treated, control),
          significant: interval.low > 0 || interval.high < 0,
        }
      : null,
  }
}

/**
 * Distinct contacts whose runs of the flow entered in [from, to), and those converted, split by
 * control-group membership under today's group (the same hash the policy gate uses, in SQL).
 * Null when the workspace has no control group. A contact counts as converted when any of its
 * runs in the window converted.
 */
export async function controlGroupLift(db: Db, flowId: string, window: { from: Date; to: Date }, policy: ControlGroupPolicy | null): Promise<ControlGroupReport | null> {
  if (!policy || !policy.salt) return null
  const member = inControlGroupSql({ ...policy, salt: policy.salt }, sql`c.external_id`)
  const { rows } = await sql<{ control: boolean; contacts: number; converted: number }>`select ${member} as control, count(*)::int as contacts,
      count(*) filter (where c.converted)::int as converted
    from (select k.external_id, bool_or(r.converted_at is not null) as converted from runs r join contacts k on k.id = r.contact_id
      where r.flow_id = ${flowId} and r.entered_at >= ${window.from} and r.entered_at < ${window.to} group by k.external_id) c
    group by 1`.execute(db)
  const of = (control: boolean) => rows.find((r) => r.control === control) ?? { contacts: 0, converted: 0 }
  return controlGroupReport(policy.percent, of(true), of(false))
}
