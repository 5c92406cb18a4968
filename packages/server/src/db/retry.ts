import { countIfCommitted } from '../metrics/after-commit.ts'

/** SQLSTATEs that mean "this transaction lost a race; run it again": deadlock and serialization failure. */
const TRANSIENT = new Set(['40P01', '40001'])

/**
 * Runs a whole transaction again (up to `attempts` times) when Postgres
 * aborts it as a deadlock victim or a serialization failure. Safe only for
 * work that is entirely inside the transaction, so a rolled-back attempt left nothing behind.
 * Metrics recorded during an attempt (metrics/after-commit.ts) count only if it succeeds.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await countIfCommitted(work)
    } catch (error) {
      const code = (error as { code?: string }).code
      if (attempt >= attempts || !code || !TRANSIENT.has(code)) throw error
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10))
    }
  }
}

/**
 * Whether `error` says Postgres cannot be reached or is going away, rather than that the
 * query was wrong: refused or reset connections, a connect timeout, a terminated
 * connection, SQLSTATE class 08 (connection exception) and 57P01–57P03 (admin shutdown,
 * crash shutdown, cannot connect now). The API answers these with 503 KAIROS_NOT_READY.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  if (typeof code === 'string' && (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code))) return true
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true
  const message = error instanceof Error ? error.message : ''
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(message)
}
