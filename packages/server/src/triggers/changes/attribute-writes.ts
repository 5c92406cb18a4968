import { sql } from 'kysely'
import { readPath, type EventSnapshot } from '@kairos/sdk'
import type { Db } from '../../db/connect.ts'
import type { FlowCatalog } from '../../flows/flow-catalog.ts'
import { enterContacts, type Entrant } from '../enter-contacts.ts'
import { attributeKey, refreshMoments } from '../dates/refresh-moments.ts'

/** A contact's attributes before and after a write, in the writing transaction. */
export interface AttributeWrite {
  contactId: string
  before: Record<string, unknown>
  after: Record<string, unknown>
}

interface Hook {
  flow_id: string
  version: number
  kind: 'date' | 'change'
  node_id: string
  status: string
}

/**
 * What attribute writes do to journeys, decided in the transaction that
 * writes them (contacts API, or a node through a run batch), with the
 * contacts already locked: `trigger.change` triggers whose attribute changed
 * (and from/to match) enter the contact, and `trigger.date` moments that read
 * a changed attribute (or the contact's timezone) are recomputed. Values are
 * compared as JSON, so a write that leaves every value as it was does nothing.
 * Only live versions of active flows enter anyone; paused flows keep their
 * moments current. `onlyFlow` limits all this to one flow (a journey
 * simulation's own).
 */
export async function applyAttributeWrites(trx: Db, catalog: FlowCatalog, writes: AttributeWrite[], now: Date, onlyFlow?: string): Promise<void> {
  const changed = writes.map((w) => ({ ...w, keys: changedKeys(w.before, w.after) })).filter((w) => w.keys.size > 0)
  if (changed.length === 0) return
  const keys = [...new Set(changed.flatMap((w) => [...w.keys]))]
  const { rows: hooks } = await sql<Hook>`select h.flow_id, h.version, h.kind, h.node_id, f.status
      from flow_event_hooks h join flows f on f.id = h.flow_id and f.published_version = h.version
      where h.kind in ('date', 'change') and f.status in ('active', 'paused')
        and (h.event_name = any(${keys}::text[]) or (h.kind = 'date' and ${keys.includes('timezone')}))
        ${onlyFlow === undefined ? sql`` : sql`and h.flow_id = ${onlyFlow}`}`.execute(trx)

  // A live version this process cannot load (a plugin it lacks) keeps no moments and enters no one
  // here, rather than failing the write, and with it every retry of the batch that made it.
  const { flows } = await catalog.getLoadable(hooks.map((h) => ({ flowId: h.flow_id, version: h.version })), trx)
  for (const hook of hooks) {
    const flow = flows.get(`${hook.flow_id}@${hook.version}`)
    if (!flow) continue
    if (hook.kind === 'date') {
      const trigger = flow.dateTriggers.find((t) => t.nodeId === hook.node_id)
      if (!trigger) continue
      const touched = changed.filter((w) => w.keys.has(attributeKey(trigger.attribute)) || w.keys.has('timezone'))
      await refreshMoments(trx, { flowId: hook.flow_id, flow, trigger }, touched.map((w) => ({ id: w.contactId, attributes: w.after })), now)
      continue
    }
    const trigger = flow.changeTriggers.find((t) => t.nodeId === hook.node_id)
    if (!trigger || hook.status !== 'active') continue
    const entrants: Entrant[] = []
    for (const write of changed) {
      const from = readPath(write.before, trigger.attribute) ?? null
      const to = readPath(write.after, trigger.attribute) ?? null
      if (sameJson(from, to)) continue
      if (trigger.from !== undefined && !sameJson(trigger.from, from)) continue
      if (trigger.to !== undefined && !sameJson(trigger.to, to)) continue
      entrants.push({ contactId: write.contactId, trigger: changeSnapshot(write.contactId, trigger.attribute, from, to, now) })
    }
    if (entrants.length > 0) await enterContacts(trx, { flowId: hook.flow_id, version: hook.version, nodeId: hook.node_id, flow }, entrants, now)
  }
}

/** Top-level keys whose value differs (added, removed or changed). */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): Set<string> {
  const keys = new Set<string>()
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) if (!sameJson(before[key] ?? null, after[key] ?? null)) keys.add(key)
  return keys
}

/** Equality of JSON values; object key order does not matter (jsonb does not keep it). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

function changeSnapshot(contactId: string, attribute: string, from: unknown, to: unknown, now: Date): EventSnapshot {
  return {
    id: `change:${contactId}:${attribute}:${now.getTime()}`,
    name: 'attribute.changed',
    properties: { attribute, from, to },
    occurredAt: now.toISOString(),
  }
}
