import { sql } from 'kysely'
import type { TestKairos } from '../support/test-kairos.ts'

// For the simulator's tests: what "no row changed" is checked against.

/**
 * Row counts and a checksum of every row, per table: every table of the app's schema but the
 * three that calling the API itself touches (sessions and API keys record their last use, worker
 * heartbeats beat), and graphile-worker's jobs and tasks.
 */
export async function rowsChecksum(kairos: TestKairos): Promise<Record<string, string>> {
  const db = kairos.core.database.db
  const { rows: tables } = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not in ('sessions', 'api_keys', 'worker_heartbeats') order by table_name`.execute(db)
  const names = [...tables.map((t) => `public.${t.name}`), 'graphile_worker._private_jobs', 'graphile_worker._private_tasks']
  const out: Record<string, string> = {}
  for (const name of names) {
    const { rows } = await sql<{ n: number; sum: string | null }>`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as sum
        from ${sql.raw(name)} t`.execute(db)
    out[name] = `${rows[0].n}:${rows[0].sum ?? '-'}`
  }
  return out
}

