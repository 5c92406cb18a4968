import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration'
import { Logger, runMigrations as runWorkerMigrations } from 'graphile-worker'
import pg from 'pg'
import type { Db } from './connect.ts'

/** The repository's migrations/ folder. */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../migrations')

/** Serves the ordered `*.sql` files of a folder as kysely migrations; each runs as one statement batch. */
class SqlFolderProvider implements MigrationProvider {
  readonly folder: string
  constructor(folder: string) {
    this.folder = folder
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {}
    for (const file of (await readdir(this.folder)).filter((f) => f.endsWith('.sql')).sort()) {
      const text = await readFile(join(this.folder, file), 'utf8')
      migrations[file.replace(/\.sql$/, '')] = { up: async (db) => void (await sql.raw(text).execute(db)) }
    }
    return migrations
  }
}

/**
 * Brings the app schema to the latest migration, then graphile-worker's own
 * schema. Returns kysely's result set; throws with the failing migration's name.
 *
 * Processes that start together (an `api` and two `worker` containers on a fresh
 * database) take turns: the whole of it runs under one session advisory lock, held
 * on a connection of its own (not the pool's, which may have a single connection).
 * The first migrates; the others then find the schema up to date.
 */
export async function migrate(db: Db, connectionString: string, folder = MIGRATIONS_DIR): Promise<MigrationResultSet> {
  const lock = new pg.Client({ connectionString })
  await lock.connect()
  try {
    await lock.query(`select pg_advisory_lock(hashtext('kairos.migrate'))`)
    return await migrateLocked(db, connectionString, folder)
  } finally {
    // Ending the session releases the lock. A failure to end it is reported, not thrown: it
    // must not hide the migration's own error, and Postgres drops the lock with the session.
    await lock.end().catch((error: Error) => console.error(`[kairos] closing the migration lock's connection failed: ${error.message}`))
  }
}

async function migrateLocked(db: Db, connectionString: string, folder: string): Promise<MigrationResultSet> {
  // Unordered: 0005 landed after 0006 and 0007; databases that ran those first must still take it.
  const migrator = new Migrator({ db, provider: new SqlFolderProvider(folder), allowUnorderedMigrations: true })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(result.error as Error).message}`)
  }
  await runWorkerMigrations({ connectionString, logger: quietLogger })
  return result
}

/**
 * graphile-worker's logger with debug and info dropped: Kairos logs what
 * matters itself. Failed attempts print one line (a retry is routine);
 * KAIROS_DEBUG=1 prints them whole, with stacks.
 */
export const quietLogger = new Logger(() => (level, message) => {
  if (level !== 'error' && level !== 'warning') return
  console.error(`[worker] ${process.env.KAIROS_DEBUG ? message : message.split('\n')[0]}`)
})
