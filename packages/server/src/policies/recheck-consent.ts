import type { Db } from '../db/connect.ts'
import { attributeOptOut, consentEventNames, eventOptOut } from './consent.ts'
import { readPolicies } from './policy-service.ts'

/**
 * The consent rule that now opts a contact out of `channel`, or null. For a
 * message a policy deferred (quiet hours, a cap's window): it was allowed
 * when recorded, but a STOP reply or an opt-out written while it waited must
 * still stop it. Checked just before the provider is called: an opt-out
 * landing in the milliseconds between the check and the call is not seen.
 */
export async function consentOptOutNow(db: Db, contactId: string, channel: string): Promise<string | null> {
  const { policies } = await readPolicies(db)
  const consent = policies.consent
  const contact = await db.selectFrom('contacts').select('attributes').where('id', '=', contactId).executeTakeFirst()
  if (!contact) return null
  const byAttribute = attributeOptOut(contact.attributes, consent, channel)
  if (byAttribute) return byAttribute
  const names = consentEventNames(consent, channel)
  if (names.length === 0) return null
  return eventOptOut(consent, channel, await latestEvents(db, contactId, names))
}

/** When each named event last occurred for the contact (consent's stop and start events). */
export async function latestEvents(db: Db, contactId: string, names: string[]): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('events')
    .select(['name', (eb) => eb.fn.max('occurred_at').as('latest')])
    .where('contact_id', '=', contactId)
    .where('name', 'in', names)
    .groupBy('name')
    .execute()
  return new Map(rows.map((row) => [row.name, new Date(row.latest as Date)]))
}
