import { setTimeout as sleep } from 'node:timers/promises'

/** Thrown when a phase makes no progress for the stall limit: something is broken, not slow. */
export class StallError extends Error {}

/**
 * Polls `progress` every `everyMs` until it reaches `target`; returns the
 * wall time (performance.now) at which it was first seen there. A slow
 * machine only makes this take longer; only a phase whose progress stops
 * changing for `stallMs` fails, so the bench never fails on time alone.
 */
export async function pollUntil(
  what: string,
  progress: () => Promise<number>,
  target: number,
  options: { stallMs: number; everyMs?: number },
): Promise<number> {
  let last = -1
  let lastChange = performance.now()
  for (;;) {
    const value = await progress()
    const now = performance.now()
    if (value >= target) return now
    if (value !== last) {
      last = value
      lastChange = now
    } else if (now - lastChange > options.stallMs)
      throw new StallError(`${what}: stuck at ${value}/${target} for ${Math.round(options.stallMs / 1000)} s`)
    await sleep(options.everyMs ?? 50)
  }
}
