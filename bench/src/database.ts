import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { connectDb, migrate, startEmbeddedPostgres, type DbHandle } from '@kairos/server'

/** A fresh, migrated database that exists only for this bench run. */
export interface BenchDatabase {
  url: string
  name: string
  /** `embedded` or the host:port of DATABASE_URL. */
  server: string
  /** Postgres' `server_version`. */
  version: string
  /** Opens a pool on the bench database (the caller closes it). */
  connect(max: number): DbHandle
  /**
   * Creates the empty database `<name>_<suffix>` on the same server, for a phase
   * that must not share the bench database (a Kairos child process, pgbench);
   * `drop` removes it, and `dispose` drops any the phase left.
   */
  createSibling(suffix: string): Promise<SiblingDatabase>
  /** Drops the database (and its siblings) and stops the embedded server if one was started. */
  dispose(): Promise<void>
}

/** An empty database beside the bench database, on the same server. */
export interface SiblingDatabase {
  url: string
  name: string
  drop(): Promise<void>
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Creates `kairos_bench_<random>` on DATABASE_URL's server, or on an embedded
 * Postgres in a temporary folder when DATABASE_URL is unset, and migrates it
 * (app schema + graphile-worker). A fresh database every time, so figures
 * never depend on what an earlier run left behind.
 */
export async function createBenchDatabase(databaseUrl: string | undefined, log: (m: string) => void): Promise<BenchDatabase> {
  let adminUrl = databaseUrl
  let stopEmbedded: (() => Promise<void>) | undefined
  let server: string
  if (adminUrl) {
    const parsed = new URL(adminUrl)
    server = `${parsed.hostname}:${parsed.port || 5432}`
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'kairos-bench-pg-'))
    log(`starting embedded Postgres in ${dir}`)
    const embedded = await startEmbeddedPostgres(dir)
    adminUrl = embedded.url('postgres')
    server = 'embedded'
    stopEmbedded = async () => {
      await embedded.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }
  const name = `kairos_bench_${randomBytes(5).toString('hex')}`
  const admin = adminUrl
  try {
    const version = await onAdmin(admin, async (client) => {
      await client.query(`create database ${name}`)
      return (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version
    })
    const url = withDatabase(admin, name)
    const migrator = connectDb(url, { max: 2 })
    try {
      await migrate(migrator.db, url)
    } finally {
      await migrator.close()
    }
    log(`database ${name} created and migrated (${server}, Postgres ${version})`)
    const siblings = new Set<string>()
    const drop = async (database: string) => {
      await onAdmin(admin, (client) => client.query(`drop database if exists ${database} with (force)`))
      siblings.delete(database)
    }
    return {
      url, name, server, version,
      connect: (max) => connectDb(url, { max }),
      async createSibling(suffix) {
        if (!/^[a-z0-9_]+$/.test(suffix)) throw new Error(`a sibling database's suffix is lowercase letters, digits and _, got "${suffix}"`)
        const sibling = `${name}_${suffix}`
        await onAdmin(admin, (client) => client.query(`create database ${sibling}`))
        siblings.add(sibling)
        return { url: withDatabase(admin, sibling), name: sibling, drop: () => drop(sibling) }
      },
      async dispose() {
        try {
          for (const sibling of [...siblings]) await drop(sibling)
          await drop(name)
        } finally {
          await stopEmbedded?.()
        }
      },
    }
  } catch (error) {
    await onAdmin(admin, (client) => client.query(`drop database if exists ${name} with (force)`)).catch(() => {})
    await stopEmbedded?.()
    throw error
  }
}
