import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database.ts'

export type Db = Kysely<Database>

/** A pg pool plus the kysely instance over it; both are closed by `close()`. */
export interface DbHandle {
  pool: pg.Pool
  db: Db
  close(): Promise<void>
}

/** Opens a pool on `connectionString`. `max` defaults to 10 connections. */
export function connectDb(connectionString: string, options: { max?: number } = {}): DbHandle {
  // A bounded wait for a connection: an exhausted pool fails a request (or a job, which is
  // retried) instead of hanging the process.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 30_000 })
  // A client that loses its server must not crash the process: the pool replaces
  // idle ones, and the query in flight fails (and its job is retried).
  const report = (error: Error) => console.error(`[kairos] database connection error: ${error.message}`)
  pool.on('error', report)
  pool.on('connect', (client) => client.on('error', report))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  let closed = false
  return {
    pool,
    db,
    async close() {
      if (closed) return
      closed = true
      await db.destroy()
    },
  }
}
