import type { NodeServices } from '@kairos/sdk'
import type { AssignSalesConfig } from './config.ts'

/** The team to assign from, and which rule (by index) chose it; `rule` is absent when none matched. */
export interface TeamChoice {
  team?: string
  rule?: number
}

/**
 * Resolves `rules` to a team here rather than handing them to
 * `sales.assign`: the step then records which rule matched, and the node
 * behaves the same against any services (the in-memory ones ignore rules).
 * No matching rule falls back to `team`, or to every rep when that is unset.
 */
export async function pickTeam(config: AssignSalesConfig, services: NodeServices): Promise<TeamChoice> {
  for (const [index, rule] of (config.rules ?? []).entries())
    if (await services.conditions.evaluate(rule.when)) return { team: rule.team, rule: index }
  return { team: config.team }
}
