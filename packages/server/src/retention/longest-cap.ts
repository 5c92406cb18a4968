import { sql } from 'kysely'
import { parseDuration } from '@kairos/sdk'
import type { Db } from '../db/connect.ts'

/**
 * The longest frequency-cap window in force (the workspace policies and the
 * settings of published flow versions), in ms; 0 when there is none. Caps
 * count a contact's past deliveries, so retention never deletes one a cap
 * could still count.
 */
export async function longestCapMs(db: Db): Promise<number> {
  const { rows } = await sql<{ per: string | null }>`
    select c->>'per' as per from policies, jsonb_array_elements(coalesce(document->'caps', '[]')) c
    union
    select c->>'per' from flows f join flow_versions v on v.flow_id = f.id and v.version = f.published_version,
      jsonb_array_elements(coalesce(v.graph->'settings'->'caps', '[]')) c`.execute(db)
  let longest = 0
  for (const { per } of rows) {
    try {
      if (per) longest = Math.max(longest, parseDuration(per))
    } catch {
      // A window that no longer parses caps nothing; it cannot hold history back.
    }
  }
  return longest
}
