import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import type { KairosCore } from '../core.ts'

/** The demo journeys, published in this order: one started by an event, one by a date. */
const DEMO_FLOWS = [
  { name: 'Cart abandonment (demo)', file: './cart-abandonment.flow.json' },
  { name: 'Birthday coupon (demo)', file: './birthday.flow.json' },
]

const DEMO_CONTACTS = [
  { externalId: 'ada', attributes: { name: 'Ada', phone: '+8613800000001', tier: 'premium', timezone: 'Asia/Shanghai', birthday: '1990-12-10' }, tags: ['vip'] },
  { externalId: 'grace', attributes: { name: 'Grace', phone: '+8613800000002', tier: 'standard', timezone: 'Asia/Shanghai', birthday: '1985-06-21' }, tags: [] },
  { externalId: 'linus', attributes: { name: 'Linus', phone: '+4915100000003', tier: 'standard', timezone: 'Europe/Berlin', birthday: '1969-12-28' }, tags: ['newsletter'] },
]

/** A saved audience to preview and to schedule journeys for. */
const DEMO_SEGMENT = { name: 'Premium members (demo)', condition: { attribute: 'tier', op: 'eq', value: 'premium' } }

/** Any constant: the advisory lock that makes concurrent first starts load the demo once. */
const DEMO_LOCK = 7_340_021

/**
 * Loads the demo workspace (the cart-abandonment and birthday journeys,
 * published, a segment and a few contacts) the first time Kairos starts on a database; never again after,
 * even if the operator deletes or edits it. Processes starting together take
 * turns on an advisory lock; the `meta` row is written only once everything
 * is in, so a start that dies half-way loads the demo again next time.
 */
export async function loadDemoOnce(core: KairosCore): Promise<boolean> {
  return core.database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${DEMO_LOCK})`.execute(conn)
    try {
      const { rows } = await sql<{ key: string }>`select key from meta where key = 'demo_loaded'`.execute(conn)
      if (rows.length > 0) return false
      for (const { name, file } of DEMO_FLOWS) {
        const graph = JSON.parse(await readFile(new URL(file, import.meta.url), 'utf8'))
        const flow = await core.flows.create({ name, graph })
        await core.flows.publish(flow.id)
      }
      await core.segments.create(DEMO_SEGMENT)
      for (const contact of DEMO_CONTACTS) await core.contacts.upsert(contact.externalId, contact)
      await sql`insert into meta (key, value) values ('demo_loaded', 'true') on conflict (key) do nothing`.execute(conn)
      return true
    } finally {
      await sql`select pg_advisory_unlock(${DEMO_LOCK})`.execute(conn)
    }
  })
}
