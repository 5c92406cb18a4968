import { AsyncLocalStorage } from 'node:async_hooks'

/** Metric changes recorded during one attempt, applied when it succeeds. */
type Tally = Array<() => void>

const current = new AsyncLocalStorage<Tally>()

/**
 * Runs one attempt of a piece of work (a whole transaction, see db/retry.ts) and
 * applies the metric changes recorded inside it only if it succeeds: a
 * transaction that rolls back and runs again counts its runs and steps once,
 * from the attempt that committed. Nested inside another attempt, the changes
 * join the outer one's, since only its commit makes them true.
 */
export async function countIfCommitted<T>(attempt: () => Promise<T>): Promise<T> {
  const tally: Tally = []
  const result = await current.run(tally, attempt)
  const outer = current.getStore()
  if (outer) outer.push(...tally)
  else for (const change of tally) change()
  return result
}

/**
 * Records a metric change to apply once the enclosing attempt commits, or at
 * once outside any (work that is not one transaction). Pure memory, never I/O:
 * safe inside a transaction and inside node code paths.
 */
export function afterCommit(change: () => void): void {
  const tally = current.getStore()
  if (tally) tally.push(change)
  else change()
}
