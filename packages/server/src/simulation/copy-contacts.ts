import { sql } from 'kysely'
import type { Condition } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { KairosError } from '../errors.ts'
import { readPolicies } from '../policies/policy-service.ts'
import { longestCapMs } from '../retention/longest-cap.ts'
import { conditionSql } from '../segments/condition-sql.ts'
import type { ContactSelection } from './simulation-request.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Past events copied per contact, newest first: enough for conditions over their recent history. */
export const COPIED_EVENTS_PER_CONTACT = 200

/** A contact the simulation runs: a copy made in its transaction. */
export interface SimulatedContact {
  /** The copy's id (its runs, deliveries and events carry it). */
  id: string
  /** How the answer and the scripted events name it: the request's reference, or the inline contact's name. */
  name: string
  /** The external id nodes see: the stored contact's, or the inline contact's name. */
  externalId: string
  /** The copy's stored external id (`sim:<token>:…`, unique while the simulation runs). */
  storedExternalId: string
  source: 'stored' | 'inline'
  /** The stored contact it copies. */
  originalId?: string
  attributes: Record<string, unknown>
}

export interface CopiedContacts {
  contacts: SimulatedContact[]
  /** References that matched no stored contact. */
  missing: string[]
}

/**
 * Picks the contacts to simulate and copies each into a new row of the
 * simulation's transaction, which it then runs instead: the real rows are
 * read, never written or locked, so real journeys go on beside a simulation.
 * A stored contact's copy takes its attributes, tags and owner, its newest
 * events up to the virtual start (conditions and consent read them) and the
 * marketing messages it got or will get within the longest cap window
 * (caps count them, whichever flow sent them).
 */
export async function copyContacts(trx: Db, selection: ContactSelection, token: string, startMs: number): Promise<CopiedContacts> {
  const start = new Date(startMs)
  const { picked, missing } = await pickStored(trx, selection, start)
  const contacts: SimulatedContact[] = []
  if (picked.length > 0) {
    const names = new Map(picked.map((p) => [p.id, p]))
    const { rows } = await sql<{ id: string; external_id: string; attributes: Record<string, unknown>; original: string }>`
        insert into contacts (external_id, attributes, tags, owner_id)
        select ${`sim:${token}:`} || c.id, c.attributes, c.tags, c.owner_id from contacts c
        where c.id = any(${picked.map((p) => p.id)}::bigint[]) order by c.id
        returning id, external_id, attributes, substr(external_id, ${`sim:${token}:`.length + 1}) as original`.execute(trx)
    for (const row of rows) {
      const original = names.get(row.original)!
      contacts.push({
        id: row.id, name: original.name, externalId: original.externalId, storedExternalId: row.external_id, source: 'stored', originalId: row.original,
        attributes: row.attributes,
      })
    }
    await copyHistory(trx, rows.map((r) => ({ original: r.original, copy: r.id })), token, start)
  }
  if (selection.kind === 'list' && selection.inline.length > 0) {
    const inline = selection.inline.map((i, n) => ({ n, name: i.name, attributes: i.contact.attributes ?? {}, tags: i.contact.tags ?? [], owner_id: i.contact.ownerId ?? null }))
    const { rows } = await sql<{ id: string; external_id: string; attributes: Record<string, unknown>; n: number }>`
        insert into contacts (external_id, attributes, tags, owner_id)
        select ${`sim:${token}:inline:`} || i.n, i.attributes, array(select jsonb_array_elements_text(i.tags)), i.owner_id
        from json_to_recordset(${JSON.stringify(inline)}::json) as i(n int, attributes jsonb, tags jsonb, owner_id text) order by i.n
        returning id, external_id, attributes, substr(external_id, ${`sim:${token}:inline:`.length + 1})::int as n`.execute(trx)
    for (const row of rows) {
      const { name } = inline[row.n]
      contacts.push({ id: row.id, name, externalId: name, storedExternalId: row.external_id, source: 'inline', attributes: row.attributes })
    }
  }
  const order = new Map(selectionOrder(selection).map((name, i) => [name, i]))
  contacts.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0) || Number(BigInt(a.id) - BigInt(b.id)))
  return { contacts, missing }
}

/** Names in the order the request gave them (a segment's sample keeps the order it was drawn in). */
function selectionOrder(selection: ContactSelection): string[] {
  if (selection.kind === 'segment') return []
  return [...selection.refs.map((r) => ({ index: r.index, name: r.ref })), ...selection.inline.map((i) => ({ index: i.index, name: i.name }))]
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.name)
}

interface Picked {
  id: string
  name: string
  externalId: string
}

/** The stored contacts asked for: by external id first, then by numeric id; or a random sample of a segment. */
async function pickStored(trx: Db, selection: ContactSelection, now: Date): Promise<{ picked: Picked[]; missing: string[] }> {
  if (selection.kind === 'segment') {
    const segment = UUID.test(selection.segment)
      ? await trx.selectFrom('segments').select('condition').where('id', '=', selection.segment).executeTakeFirst()
      : undefined
    if (!segment)
      throw new KairosError('KAIROS_VALIDATION', `body.contacts.segment: segment "${selection.segment}" does not exist`, [
        { field: 'body.contacts.segment', message: `segment "${selection.segment}" does not exist` },
      ])
    const rows = await trx
      .selectFrom('contacts as c')
      .select(['c.id', 'c.external_id'])
      .where(conditionSql(segment.condition as Condition, { now }))
      .orderBy(sql`random()`)
      .limit(selection.sample)
      .execute()
    return { picked: rows.map((r) => ({ id: r.id, name: r.external_id, externalId: r.external_id })), missing: [] }
  }
  const refs = selection.refs.map((r) => r.ref)
  if (refs.length === 0) return { picked: [], missing: [] }
  const numeric = refs.filter((r) => /^[1-9]\d{0,17}$/.test(r))
  const rows = await trx
    .selectFrom('contacts')
    .select(['id', 'external_id'])
    .where((eb) => eb.or([eb('external_id', 'in', refs), ...(numeric.length > 0 ? [eb('id', 'in', numeric)] : [])]))
    .execute()
  const byExternal = new Map(rows.map((r) => [r.external_id, r]))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const picked: Picked[] = []
  const missing: string[] = []
  const taken = new Set<string>()
  for (const ref of refs) {
    const row = byExternal.get(ref) ?? byId.get(ref)
    if (!row) missing.push(ref)
    // The same contact named twice (by external id and by id) is simulated once, under its first name.
    else if (!taken.has(row.id)) {
      taken.add(row.id)
      picked.push({ id: row.id, name: ref, externalId: row.external_id })
    }
  }
  return { picked, missing }
}

/**
 * The copies' history: each contact's newest events up to the virtual start
 * (and, where consent rules name stop events, the latest of each, however
 * old), and the marketing messages within the longest cap window.
 */
async function copyHistory(trx: Db, pairs: Array<{ original: string; copy: string }>, token: string, start: Date): Promise<void> {
  const map = JSON.stringify(pairs)
  await sql`insert into events (contact_id, name, properties, occurred_at)
      select m.copy, e.name, e.properties, e.occurred_at
      from json_to_recordset(${map}::json) as m(original bigint, copy bigint)
      cross join lateral (select name, properties, occurred_at from events
        where contact_id = m.original and occurred_at <= ${start} order by occurred_at desc limit ${COPIED_EVENTS_PER_CONTACT}) e`.execute(trx)
  const { policies } = await readPolicies(trx)
  const consentNames = [...new Set(policies.consent.stopEvents.flatMap((rule) => (rule.start ? [rule.stop, rule.start] : [rule.stop])))]
  if (consentNames.length > 0)
    await sql`insert into events (contact_id, name, properties, occurred_at)
        select m.copy, e.name, e.properties, e.occurred_at
        from json_to_recordset(${map}::json) as m(original bigint, copy bigint)
        cross join lateral (select distinct on (name) name, properties, occurred_at from events
          where contact_id = m.original and name = any(${consentNames}::text[]) and occurred_at <= ${start}
          order by name, occurred_at desc) e
        where not exists (select 1 from events x where x.contact_id = m.copy and x.name = e.name and x.occurred_at = e.occurred_at)`.execute(trx)
  const windowMs = await longestCapMs(trx)
  if (windowMs === 0) return
  await sql`insert into deliveries (id, run_id, flow_id, node_id, contact_id, channel, category, provider, recipient, body, status,
        idempotency_key, created_at, sent_at, send_at, deferred_by, error)
      select gen_random_uuid(), null, d.flow_id, d.node_id, m.copy, d.channel, d.category, d.provider, d.recipient, d.body, d.status,
        ${`sim:${token}:`} || d.id, d.created_at, d.sent_at, d.send_at, d.deferred_by, d.error
      from json_to_recordset(${map}::json) as m(original bigint, copy bigint)
      join deliveries d on d.contact_id = m.original
      where d.category = 'marketing' and d.status not in ('failed', 'suppressed') and d.created_at <= ${start}
        and coalesce(d.send_at, d.created_at) > ${new Date(start.getTime() - windowMs)}`.execute(trx)
}
