import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rm } from 'node:fs/promises'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of a database on the test server, used to create per-file databases. */
    adminUrl: string
    /** A migrated database each test file copies (CREATE DATABASE … TEMPLATE). */
    templateDatabase: string
  }
}

/**
 * Runs once per `pnpm test`: picks the Postgres server (DATABASE_URL when set,
 * else an embedded one in a temporary folder) and migrates a template
 * database, so each test file gets a fresh, migrated database in milliseconds.
 */
export default async function setup(project: TestProject) {
  // Imported here, not at the top: vitest loads every global setup file before running the first,
  // which builds the SDK the server imports (tests/sdk-package/build-sdk.setup.ts).
  const { connectDb, migrate, startEmbeddedPostgres } = await import('@kairos/server')
  let stopEmbedded: (() => Promise<void>) | undefined
  let adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    const dir = join(tmpdir(), `kairos-test-pg-${process.pid}`)
    const embedded = await startEmbeddedPostgres(dir)
    adminUrl = embedded.url('postgres')
    stopEmbedded = async () => {
      await embedded.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }
  const template = `kairos_template_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${template}`)
  await admin.query(`create database ${template}`)
  const templateUrl = withDatabase(adminUrl, template)
  const handle = connectDb(templateUrl, { max: 2 })
  await migrate(handle.db, templateUrl)
  await handle.close()
  project.provide('adminUrl', adminUrl)
  project.provide('templateDatabase', template)
  return async () => {
    // Drop the databases test files left behind (a crashed file cannot drop its own).
    const { rows } = await admin.query(`select datname from pg_database where datname like 'kairos_t_${process.pid}_%' or datname = $1`, [template])
    for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`)
    await admin.end()
    await stopEmbedded?.()
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}
