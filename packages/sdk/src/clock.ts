/** Where time comes from. The server, the engine and the test harness take one. */
export interface Clock {
  now(): Date
}

/**
 * The wall clock. Reads `Date`, which is also what graphile-worker reads with
 * `useNodeTime`, so a test that fakes `Date` moves the engine and the queue together.
 */
export const systemClock: Clock = { now: () => new Date() }
