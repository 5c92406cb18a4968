import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import type { KairosCore } from '../core.ts'

const DEMO_CONTACTS = [
  { externalId: 'ada', attributes: { name: 'Ada', phone: '+8613800000001', tier: 'premium', timezone: 'Asia/Shanghai' }, tags: ['vip'] },
  { externalId: 'grace', attributes: { name: 'Grace', phone: '+8613800000002', tier: 'standard', timezone: 'Asia/Shanghai' }, tags: [] },
  { externalId: 'linus', attributes: { name: 'Linus', phone: '+4915100000003', tier: 'standard', timezone: 'Europe/Berlin' }, tags: ['newsletter'] },
]

/**
 * Loads the demo workspace (the cart-abandonment journey, published, and a few
 * contacts) the first time Kairos starts on a database; never again after,
 * even if the operator deletes or edits it.
 */
export async function loadDemoOnce(core: KairosCore): Promise<boolean> {
  const { db } = core.database
  const { rows } = await sql<{ key: string }>`insert into meta (key, value) values ('demo_loaded', 'true')
    on conflict (key) do nothing returning key`.execute(db)
  if (rows.length === 0) return false
  const graph = JSON.parse(await readFile(new URL('./cart-abandonment.flow.json', import.meta.url), 'utf8'))
  const flow = await core.flows.create({ name: 'Cart abandonment (demo)', graph })
  await core.flows.publish(flow.id)
  for (const contact of DEMO_CONTACTS) await core.contacts.upsert(contact.externalId, contact)
  return true
}
