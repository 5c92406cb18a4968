import type { NodeServices } from './services.ts'

/** How long a node's `run()` may take by default, in ms (the server's KAIROS_NODE_RUN_TIMEOUT_MS). */
export const RUN_TIME_LIMIT_MS = 5000

/** A `run()` that did not finish within its limit. Its run fails with this message; the batch goes on. */
export class RunTimeLimitError extends Error {
  override name = 'RunTimeLimitError'
  readonly node: string

  /** `node` is `type@version`. */
  constructor(node: string, nodeId: string, limitMs: number) {
    super(`node type ${node} (node "${nodeId}") did not finish run() within ${limitMs} ms; its services are closed`)
    this.node = node
  }
}

/**
 * `work()`, or a rejection with `onTimeout()` once `ms` have passed. The
 * work is not stopped, only no longer waited for: pair it with
 * `guardServices` so that what it does afterwards is refused. A run() stuck
 * in a synchronous loop never yields to the timer, so no limit inside the
 * process can end it; only asynchronous waits (a request, a promise that
 * never settles) are cut off.
 */
export function withinTimeLimit<T>(work: () => Promise<T> | T, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms)
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer))
  })
}

/**
 * The services as one step's `run()` sees them: every call is refused (the
 * promise rejects with `signal.reason`) once `signal` aborts, when the step
 * is over or its time ran out. Calls look the service up when made, so a
 * service swapped on the original object (`runNode`'s `patch`) is used.
 */
export function guardServices(services: NodeServices, signal: AbortSignal): NodeServices {
  const guarded: Record<string, unknown> = {}
  for (const [name, group] of Object.entries(services))
    guarded[name] = new Proxy(group as object, {
      get(target, property) {
        const value = Reflect.get(target, property)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => (signal.aborted ? Promise.reject(signal.reason) : value.apply(target, args))
      },
    })
  return guarded as unknown as NodeServices
}

/** Why a step's services refuse calls once its `run()` returned. */
export const stepOver = (node: string, nodeId: string) => new Error(`node type ${node} (node "${nodeId}") used its services after its run() ended`)
