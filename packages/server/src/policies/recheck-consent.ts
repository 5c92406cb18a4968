import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'
import { attributeOptOut, consentEventNames, eventOptOut } from './consent.ts'
import { readPolicies } from './policy-service.ts'

/**
 * The consent rule that now opts each contact out of each message's channel,
 * or null, in their order: for messages a policy deferred (quiet hours, a
 * cap's window), allowed when recorded, that a STOP reply or an opt-out
 * written while they waited must still stop (recheck-due.ts). The policies,
 * the contacts and their latest consent events are read once.
 */
export async function consentOptOutsNow(db: Db, messages: ReadonlyArray<{ contactId: string; channel: string }>): Promise<Array<string | null>> {
  if (messages.length === 0) return []
  const { policies } = await readPolicies(db)
  const consent = policies.consent
  const ids = [...new Set(messages.map((m) => m.contactId))]
  const contacts = await db.selectFrom('contacts').select(['id', 'attributes']).where('id', 'in', ids).execute()
  const attributes = new Map(contacts.map((c) => [c.id, c.attributes]))
  const names = [...new Set(messages.flatMap((m) => consentEventNames(consent, m.channel)))]
  const latest = names.length > 0 ? await latestEventsOf(db, ids, names) : new Map<string, Map<string, Date>>()
  return messages.map(({ contactId, channel }) => {
    const own = attributes.get(contactId)
    if (!own) return null
    return attributeOptOut(own, consent, channel) ?? eventOptOut(consent, channel, latest.get(contactId) ?? new Map())
  })
}

/** When each named event last occurred for the contact (consent's stop and start events). */
export async function latestEvents(db: Db, contactId: string, names: string[]): Promise<Map<string, Date>> {
  return (await latestEventsOf(db, [contactId], names)).get(contactId) ?? new Map()
}

/** `latestEvents` for several contacts in one query: contact id → event name → when it last occurred. */
async function latestEventsOf(db: Db, contactIds: string[], names: string[]): Promise<Map<string, Map<string, Date>>> {
  const { rows } = await sql<{ contact_id: string; name: string; latest: Date }>`select contact_id, name, max(occurred_at) as latest from events
      where contact_id = any(${contactIds}::bigint[]) and name = any(${names}::text[])
      group by contact_id, name`.execute(db)
  const byContact = new Map<string, Map<string, Date>>()
  for (const row of rows) {
    let latest = byContact.get(row.contact_id)
    if (!latest) byContact.set(row.contact_id, (latest = new Map()))
    latest.set(row.name, new Date(row.latest))
  }
  return byContact
}
