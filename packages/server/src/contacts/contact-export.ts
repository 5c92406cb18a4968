import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/** Contacts read per query while exporting: the file streams out page by page. */
const PAGE = 1000

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const line = (values: unknown[]) => `${values.map(field).join(',')}\r\n`

/**
 * Every contact (a sales rep's own, with `owner`) as CSV: externalId, ownerId, tags (joined by
 * `;`), then one column per attribute key any of them has, sorted; objects and lists as JSON.
 * Read by id in pages, so a large workspace streams instead of sitting in memory. Starts with a
 * UTF-8 byte-order mark so a spreadsheet opens Chinese names as they are; the columns read back
 * through the editor's import as they are.
 */
export async function* contactsCsv(db: Db, owner: string | null): AsyncGenerator<string> {
  const scope = owner === null ? sql`true` : sql`owner_id = ${owner}`
  const { rows: keyRows } = await sql<{ key: string }>`select distinct jsonb_object_keys(attributes) as key from contacts where ${scope} order by 1`.execute(db)
  const keys = keyRows.map((r) => r.key)
  yield '\uFEFF' + line(['externalId', 'ownerId', 'tags', ...keys])
  let after = '0'
  for (;;) {
    let query = db.selectFrom('contacts').select(['id', 'external_id', 'owner_id', 'tags', 'attributes']).where('id', '>', after).orderBy('id').limit(PAGE)
    if (owner !== null) query = query.where('owner_id', '=', owner)
    const rows = await query.execute()
    if (rows.length === 0) return
    const attributes = (row: (typeof rows)[number]) => row.attributes as Record<string, unknown>
    yield rows.map((r) => line([r.external_id, r.owner_id, r.tags.join(';'), ...keys.map((k) => attributes(r)[k])])).join('')
    after = rows[rows.length - 1].id
  }
}
