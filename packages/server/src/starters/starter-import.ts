import type { NodeRegistry } from '@kairos/engine'
import type { Db } from '../db/connect.ts'
import type { ErrorDetail } from '../errors.ts'
import { KairosError, notFound } from '../errors.ts'
import type { FlowService, FlowView } from '../flows/flow-service.ts'
import type { ReferenceUse } from './placeholders.ts'
import { findStarter } from './starter-catalog.ts'
import type { StarterLanguage } from './starter-file.ts'
import { starterGraph, type StarterBindings } from './starter-graph.ts'
import { summarizeStarter, type StarterSummary } from './starter-summary.ts'

export interface StarterImportInput extends StarterBindings {
  language?: StarterLanguage
  /** The new journey's name; default the starter's name in the language. */
  name?: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Every binding that names something the starter does not ask for, or that does
 * not exist in the workspace (or is a channel of another kind): one problem per
 * binding, by its body field, all at once.
 */
async function bindingProblems(db: Db, summary: StarterSummary, input: StarterBindings): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = []
  const unknownKey = (group: 'channels' | 'pools' | 'segments', key: string, keys: string[]) =>
    problems.push({
      field: `body.${group}.${key}`,
      message: keys.length ? `the starter "${summary.id}" has no ${group.slice(0, -1)} "${key}"; it asks for: ${keys.join(', ')}` : `the starter "${summary.id}" needs no ${group}`,
    })
  const channels = Object.entries(input.channels ?? {})
  if (channels.length > 0) {
    const rows = await db.selectFrom('channels').select(['name', 'kind']).where('name', 'in', channels.map(([, name]) => name)).execute()
    for (const [key, name] of channels) {
      const need = summary.needs.channels.find((c) => c.key === key)
      if (!need) {
        unknownKey('channels', key, summary.needs.channels.map((c) => c.key))
        continue
      }
      const row = rows.find((r) => r.name === name)
      if (!row) problems.push({ field: `body.channels.${key}`, message: `channel "${name}" does not exist` })
      else if (!need.kinds.includes(row.kind)) problems.push({ field: `body.channels.${key}`, message: `channel "${name}" is of kind ${row.kind}; the starter needs a ${need.kinds.join(' or ')} channel here` })
    }
  }
  const pools = Object.entries(input.pools ?? {})
  if (pools.length > 0) {
    const rows = await db.selectFrom('coupon_pools').select('id').where('id', 'in', pools.map(([, id]) => id)).execute()
    for (const [key, id] of pools) {
      if (!summary.needs.pools.some((p) => p.key === key)) unknownKey('pools', key, summary.needs.pools.map((p) => p.key))
      else if (!rows.some((r) => r.id === id)) problems.push({ field: `body.pools.${key}`, message: `coupon pool "${id}" does not exist` })
    }
  }
  const segments = Object.entries(input.segments ?? {})
  const ids = segments.map(([, id]) => id).filter((id) => UUID.test(id))
  const found = ids.length > 0 ? await db.selectFrom('segments').select('id').where('id', 'in', ids).execute() : []
  for (const [key, id] of segments) {
    if (!summary.needs.segments.some((s) => s.key === key)) unknownKey('segments', key, summary.needs.segments.map((s) => s.key))
    else if (!found.some((r) => r.id === id)) problems.push({ field: `body.segments.${key}`, message: `segment "${id}" does not exist` })
  }
  return problems
}

/**
 * Turns a starter into a new draft journey in the chosen language, with the
 * team's channels, pools and segments filled in where given; what is left
 * unbound is listed, by step and field, for the editor to point at.
 */
export async function importStarter(
  deps: { db: Db; registry: NodeRegistry; flows: FlowService },
  id: string,
  input: StarterImportInput,
): Promise<{ flow: FlowView; unbound: ReferenceUse[] }> {
  const file = findStarter(id)
  if (!file) throw notFound('starter', id)
  const problems = await bindingProblems(deps.db, summarizeStarter(file, deps.registry), input)
  if (problems.length > 0) throw new KairosError('KAIROS_VALIDATION', `${problems[0].field} ${problems[0].message}`, problems)
  const language = input.language ?? 'en'
  const { graph, unbound } = starterGraph(file, language, input)
  const flow = await deps.flows.create({ name: input.name ?? file.name[language], graph })
  return { flow, unbound }
}
