import type { SessionStore } from './session-store.ts'

/** Ended sessions are deleted this often (and once at start), so the table holds only live ones and the last day's. */
const PRUNE_EVERY_MS = 6 * 3_600_000

/**
 * Deletes ended sessions now and then in an API process. Every API process does it: the
 * DELETE is idempotent and cheap, and no process depends on another being up.
 * Returns a function that stops it.
 */
export function pruneSessions(sessions: SessionStore, log: { error(message: string): void }): () => void {
  const run = () => sessions.prune().catch((error) => log.error(`pruning ended sessions failed: ${(error as Error).message}`))
  void run()
  const timer = setInterval(run, PRUNE_EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
