import type { Condition } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'
import { toContactView, type ContactView } from '../contacts/contact-service.ts'
import { conditionSql } from './condition-sql.ts'

/** How many contacts a condition selects, and a few of them to look at. */
export interface AudiencePreview {
  count: number
  sample: ContactView[]
}

/** The largest sample a preview returns. */
export const MAX_PREVIEW_SAMPLE = 100

/**
 * One count query and one sample query (the newest `sample` contacts, by id),
 * both in Postgres and run side by side on two connections; no contact is
 * loaded except the sample. The two may disagree by a contact written in
 * between: a preview is a glance, not a snapshot.
 */
export async function previewAudience(db: Db, condition: Condition, options: { now: Date; sample: number }): Promise<AudiencePreview> {
  const matches = conditionSql(condition, { now: options.now })
  const sample = Math.max(0, Math.min(MAX_PREVIEW_SAMPLE, Math.floor(options.sample)))
  const [counted, rows] = await Promise.all([
    db.selectFrom('contacts as c').select((eb) => eb.fn.countAll<string>().as('n')).where(matches).executeTakeFirstOrThrow(),
    sample === 0 ? [] : db.selectFrom('contacts as c').selectAll('c').where(matches).orderBy('c.id', 'desc').limit(sample).execute(),
  ])
  return { count: Number(counted.n), sample: rows.map(toContactView) }
}
