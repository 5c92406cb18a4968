import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** How many attribute keys and sample events the variable menu gets at most. */
const MAX_KEYS = 300
const MAX_EVENTS = 10

/**
 * The attribute keys contacts have, across all contacts (not only the one a preview shows), for
 * the template variable menu. A key held by no contact any more disappears.
 */
export async function attributeKeys(db: Db): Promise<string[]> {
  const { rows } = await sql<{ key: string }>`select distinct jsonb_object_keys(attributes) as key from contacts order by key limit ${MAX_KEYS}`.execute(db)
  return rows.map((r) => r.key)
}

export interface SampleEvent {
  id: string
  contact: string
  name: string
  occurredAt: string
  properties: Record<string, unknown>
}

/**
 * Recent events named `name` to preview a template with: the contact's own first, then (when
 * `anyone` may be read) anybody's, newest first; and the property keys they carry.
 */
export async function sampleEvents(db: Db, name: string, contact: string | undefined, anyone: boolean): Promise<{ events: SampleEvent[]; propertyKeys: string[] }> {
  const { rows } = await sql<{ id: string; external_id: string; name: string; occurred_at: Date; properties: Record<string, unknown>; own: boolean }>`
    select e.id, c.external_id, e.name, e.occurred_at, e.properties, (c.external_id = ${contact ?? null}) as own
    from events e join contacts c on c.id = e.contact_id
    where e.name = ${name} and (${anyone} or c.external_id = ${contact ?? null})
    order by own desc nulls last, e.occurred_at desc limit ${MAX_EVENTS}`.execute(db)
  const events = rows.map((r) => ({ id: String(r.id), contact: r.external_id, name: r.name, occurredAt: r.occurred_at.toISOString(), properties: r.properties }))
  const propertyKeys = [...new Set(events.flatMap((e) => Object.keys(e.properties)))].sort()
  return { events, propertyKeys }
}
